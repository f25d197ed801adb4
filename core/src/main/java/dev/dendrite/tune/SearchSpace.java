package dev.dendrite.tune;

import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named hyper-parameter ranges, in the order they were given: the configurations a grid search
 * enumerates and the ones a random search samples.
 */
public final class SearchSpace {
  /** A parameter's name and range. */
  public record Entry(String name, Param param) {}

  private final Map<String, Param> params = new LinkedHashMap<>();

  /** Reads {@code name=expr} arguments, e.g. {@code lr=loguniform(1e-4,1e-1)}. */
  public static SearchSpace parse(List<String> args) {
    SearchSpace s = new SearchSpace();
    for (String a : args) {
      Entry e = ParamParser.parse(a);
      if (s.params.containsKey(e.name()))
        throw new IllegalArgumentException("parameter " + e.name() + " is given twice");
      s.params.put(e.name(), e.param());
    }
    return s;
  }

  /** Adds a parameter; returns this. */
  public SearchSpace add(String name, Param p) {
    if (params.putIfAbsent(name, p) != null)
      throw new IllegalArgumentException("parameter " + name + " is given twice");
    return this;
  }

  public Map<String, Param> params() {
    return Collections.unmodifiableMap(params);
  }

  /**
   * Configuration number {@code trial} of a random search with {@code seed}: drawn from a generator
   * of its own, so it is the same whatever order trials run or finish in, and after a resume.
   */
  public Map<String, Object> sample(long seed, int trial) {
    // trial t starts at the t-th step of a SplitMix64 stream seeded from the seed, and then splits
    // off: streams of nearby trials share nothing
    Rng rng = new Rng(new Rng(seed).nextLong() + trial * 0x9E3779B97F4A7C15L).split();
    Map<String, Object> c = new LinkedHashMap<>();
    params.forEach((k, p) -> c.put(k, p.sample(rng)));
    return c;
  }

  /**
   * Every combination of the parameters' grid values, the last parameter varying fastest; {@code
   * points} values for each real range (see {@link Param#grid}).
   */
  public List<Map<String, Object>> grid(int points) {
    if (points < 1) throw new IllegalArgumentException("grid points must be >= 1, got " + points);
    List<Map<String, Object>> all = new ArrayList<>();
    all.add(new LinkedHashMap<>());
    for (var e : params.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> c : all) {
        for (Object v : e.getValue().grid(points)) {
          Map<String, Object> d = new LinkedHashMap<>(c);
          d.put(e.getKey(), v);
          next.add(d);
        }
      }
      all = next;
    }
    return all;
  }

  /**
   * Up to three names among {@code known} closest to {@code name} (edit distance at most a third of
   * its length, at least 2), nearest first; for "did you mean" in errors.
   */
  public static List<String> closest(String name, Iterable<String> known) {
    List<String> hits = new ArrayList<>();
    List<Integer> dist = new ArrayList<>();
    int limit = Math.max(2, name.length() / 3);
    for (String k : known) {
      int d = distance(name.toLowerCase(), k.toLowerCase());
      if (d <= limit || k.contains(name) || name.contains(k)) {
        int at = 0;
        while (at < dist.size() && dist.get(at) <= d) at++;
        hits.add(at, k);
        dist.add(at, d);
      }
    }
    return hits.subList(0, Math.min(3, hits.size()));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++)
        cur[j] =
            Math.min(
                Math.min(cur[j - 1] + 1, prev[j] + 1),
                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
