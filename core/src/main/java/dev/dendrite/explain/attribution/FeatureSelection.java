package dev.dendrite.explain.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How LIME picks the K features of its surrogate, as the reference {@code lime} package does:
 * forward selection (greedy, by the weighted R² of an unpenalised fit) when K ≤ 6, else the K
 * largest |coefficient·x₀| of a ridge fit (alpha 0.01) on all features.
 */
final class FeatureSelection {
  private FeatureSelection() {}

  static int[] auto(double[][] x, double[] y, double[] w, int k) {
    int d = x[0].length;
    k = Math.min(k, d);
    return k <= 6 ? forward(x, y, w, k) : highestWeights(x, y, w, k);
  }

  static int[] forward(double[][] x, double[] y, double[] w, int k) {
    List<Integer> used = new ArrayList<>();
    int d = x[0].length;
    for (int step = 0; step < k; step++) {
      double best = Double.NEGATIVE_INFINITY;
      int pick = -1;
      for (int f = 0; f < d; f++) {
        if (used.contains(f)) continue;
        int[] cols = IntStream.concat(used.stream().mapToInt(i -> i), IntStream.of(f)).toArray();
        WeightedRidge r = WeightedRidge.fit(x, cols, y, w, 0);
        double s = r.score(x, cols, y, w);
        if (s > best) {
          best = s;
          pick = f;
        }
      }
      used.add(pick);
    }
    return used.stream().mapToInt(i -> i).toArray();
  }

  static int[] highestWeights(double[][] x, double[] y, double[] w, int k) {
    int d = x[0].length;
    int[] all = IntStream.range(0, d).toArray();
    WeightedRidge r = WeightedRidge.fit(x, all, y, w, 0.01);
    double[] c = new double[d];
    for (int j = 0; j < d; j++) c[j] = r.coef()[j] * x[0][j];
    return IntStream.range(0, d)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(c[j])))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
