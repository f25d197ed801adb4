package dev.dendrite.data;

import dev.dendrite.tensor.Rng;
import java.util.Arrays;

/**
 * PyTorch's {@code WeightedRandomSampler(weights, num_samples, replacement=True)}: each pass draws
 * {@code numSamples} indices, index i with probability {@code weights[i] / Σ weights}. With
 * replacement the draws are independent; without, each draw removes its index (as {@code
 * torch.multinomial}), so {@code numSamples} may not exceed the number of non-zero weights. The
 * weights need not sum to one.
 */
public final class WeightedRandomSampler implements Sampler {
  private final double[] weights, cumulative;
  private final int numSamples;
  private final boolean replacement;

  public WeightedRandomSampler(double[] weights, int numSamples, boolean replacement) {
    if (weights.length == 0)
      throw new IllegalArgumentException("WeightedRandomSampler: no weights");
    if (numSamples < 1)
      throw new IllegalArgumentException(
          "WeightedRandomSampler: num_samples must be >= 1, got " + numSamples);
    int positive = 0;
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w))
        throw new IllegalArgumentException(
            "WeightedRandomSampler: weight " + i + " is " + w + "; weights must be finite, >= 0");
      if (w > 0) positive++;
      sum += w;
      c[i] = sum;
    }
    if (positive == 0)
      throw new IllegalArgumentException("WeightedRandomSampler: all weights are 0");
    if (!replacement && numSamples > positive)
      throw new IllegalArgumentException(
          "WeightedRandomSampler: "
              + numSamples
              + " samples without replacement from "
              + positive
              + " non-zero weights");
    this.weights = weights.clone();
    this.cumulative = c;
    this.numSamples = numSamples;
    this.replacement = replacement;
  }

  /**
   * The usual recipe for imbalanced classes: each example weighted by 1 / (its class's count), so
   * every class is drawn equally often in expectation; {@code numSamples} = the data's size, with
   * replacement.
   */
  public static WeightedRandomSampler balanced(int[] labels, int classes) {
    int[] count = new int[classes];
    for (int l : labels) {
      if (l < 0 || l >= classes)
        throw new IllegalArgumentException(
            "WeightedRandomSampler: label " + l + " outside [0, " + classes + ")");
      count[l]++;
    }
    double[] w = new double[labels.length];
    for (int i = 0; i < w.length; i++) w[i] = 1.0 / count[labels[i]];
    return new WeightedRandomSampler(w, labels.length, true);
  }

  @Override
  public int[] indices(Rng rng) {
    int[] out = new int[numSamples];
    if (replacement) {
      double total = cumulative[cumulative.length - 1];
      for (int k = 0; k < numSamples; k++) {
        int i = find(cumulative, rng.nextDouble() * total);
        while (weights[i] == 0) i++; // u on the boundary of a zero-weight index: the next one
        out[k] = i;
      }
      return out;
    }
    double[] w = weights.clone();
    double total = 0;
    for (double v : w) total += v;
    for (int k = 0; k < numSamples; k++) {
      double u = rng.nextDouble() * total, acc = 0;
      int pick = -1;
      for (int i = 0; i < w.length; i++) {
        if (w[i] == 0) continue;
        acc += w[i];
        pick = i;
        if (u < acc) break;
      }
      out[k] = pick;
      total -= w[pick];
      w[pick] = 0;
    }
    return out;
  }

  /** The first index whose cumulative weight exceeds {@code u}, skipping zero weights. */
  private static int find(double[] c, double u) {
    int i = Arrays.binarySearch(c, u);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, c.length - 1);
  }

  @Override
  public int length() {
    return numSamples;
  }
}
