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

  /**
   * Replays every trajectory of {@code prefix} on a fresh environment and asserts each float64
   * state, reward and termination flag, bit for bit, and that observations are consistent.
   */
  /**
   * Relative tolerance on the float64 state (absolute below 1). The C library's sin and cos, which
   * the generator calls, and the JDK's StrictMath (fdlibm) disagree by one ulp on rare arguments;
   * the dynamics carry that difference forward, so a trajectory agrees to this bound rather than
   * bit for bit.
   */
  static final double TOLERANCE = 1e-10;

  static <E extends dev.dendrite.rl.Env<double[], Integer>> void replay(
      String prefix,
      java.util.function.Supplier<E> make,
      java.util.function.BiConsumer<E, double[]> resetTo,
      java.util.function.Function<E, double[]> state,
      java.util.function.Function<double[], double[]> observationOf) {
    for (ClassicTrajectories g : load(prefix)) {
      E env = make.get();
      resetTo.accept(env, g.initial());
      for (int t = 0; t < g.actions().length; t++) {
        var s = env.step(g.actions()[t]);
        double[] x = state.apply(env);
        for (int i = 0; i < x.length; i++) {
          double want = g.states()[t][i];
          org.assertj.core.api.Assertions.assertThat(x[i])
              .as("%s state[%d] after step %d", g.name(), i, t + 1)
              .isCloseTo(
                  want,
                  org.assertj.core.api.Assertions.within(TOLERANCE * Math.max(1, Math.abs(want))));
        }
        org.assertj.core.api.Assertions.assertThat(s.observation())
            .containsExactly(observationOf.apply(x));
        org.assertj.core.api.Assertions.assertThat(s.reward()).isEqualTo(g.rewards()[t]);
        org.assertj.core.api.Assertions.assertThat(s.terminated())
            .as("%s terminated after step %d", g.name(), t + 1)
            .isEqualTo(g.terminated()[t]);
      }
    }
  }

  static double[] float32(double[] x) {
    double[] o = new double[x.length];
    for (int i = 0; i < x.length; i++) o[i] = (float) x[i];
    return o;
  }

  private static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
    return d;
  }
}
