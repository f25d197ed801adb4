package dev.dendrite.rl.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trajectories written by core/src/test/python/gen_rl_golden.py from a NumPy transcription of
 * Gymnasium's step functions.
 */
record ClassicTrajectories(
    String name,
    double[] initial,
    int[] actions,
    double[][] states,
    double[] rewards,
    boolean[] terminated) {
  static List<ClassicTrajectories> load(String prefix) {
    try (InputStream in =
        ClassicTrajectories.class.getResourceAsStream("/golden/rl_classic.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<ClassicTrajectories> out = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        if (!c.get("name").asText().startsWith(prefix)) continue;
        int n = c.get("states").size();
        double[][] states = new double[n][];
        double[] rewards = new double[n];
        boolean[] term = new boolean[n];
        int[] actions = new int[n];
        for (int t = 0; t < n; t++) {
          states[t] = doubles(c.get("states").get(t));
          rewards[t] = c.get("rewards").get(t).asDouble();
          term[t] = c.get("terminated").get(t).asBoolean();
          actions[t] = c.get("actions").get(t).asInt();
        }
        out.add(
            new ClassicTrajectories(
                c.get("name").asText(), doubles(c.get("initial")), actions, states, rewards, term));
      }
      if (out.isEmpty()) throw new IllegalStateException("no golden trajectory for " + prefix);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
    return d;
  }
}
