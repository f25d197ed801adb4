package dev.dendrite.data;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Features with one class label per row.
 *
 * @param features (N, ...) float32
 * @param labels N class indices in {@code [0, classes.size())}
 * @param classes class names, indexed by label
 */
public record Labeled(Tensor features, int[] labels, List<String> classes) {
  public Labeled {
    if (features.size(0) != labels.length) {
      throw new IllegalArgumentException(
          features.size(0) + " feature rows but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes.size()) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of row " + i + " outside [0, " + classes.size() + ")");
      }
    }
    classes = List.copyOf(classes);
  }

  public int size() {
    return labels.length;
  }

  /**
   * The rows at {@code rows}, in that order. Consecutive rows (the first N, say) are a view of
   * these features, not a copy: the data set stays held once.
   */
  public Labeled subset(int[] rows) {
    float[] idx = new float[rows.length];
    int[] lab = new int[rows.length];
    boolean consecutive = rows.length > 0;
    for (int i = 0; i < rows.length; i++) {
      idx[i] = rows[i];
      lab[i] = labels[rows[i]];
      consecutive &= rows[i] == rows[0] + i;
    }
    Tensor x =
        consecutive
            ? features.slice(0, rows[0], rows[0] + rows.length)
            : features.indexSelect(0, Tensor.of(idx));
    return new Labeled(x, lab, classes);
  }

  /** A seeded random split: the first part holds {@code fraction} of the rows. */
  public Labeled[] split(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1))
      throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    new Rng(seed).shuffle(order);
    int n = (int) Math.round(fraction * order.length);
    return new Labeled[] {
      subset(java.util.Arrays.copyOfRange(order, 0, n)),
      subset(java.util.Arrays.copyOfRange(order, n, order.length))
    };
  }

  /** Labels as a float tensor of class indices. */
  public Tensor labelTensor() {
    float[] f = new float[labels.length];
    for (int i = 0; i < f.length; i++) f[i] = labels[i];
    return Tensor.of(f);
  }
}
