package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy on logits, PyTorch's {@code CrossEntropyLoss}: log-softmax over the class
 * dimension, then the negative log-likelihood of the target.
 *
 * <p>Inputs (N, C) or (N, C, d₁, ...). Targets are class indices (N) / (N, d₁, ...) — floats
 * holding integers — or class probabilities of the input's shape.
 *
 * <ul>
 *   <li>{@code weight} (C): with indices and MEAN, the sum is divided by the sum of the targets'
 *       weights, not by N.
 *   <li>{@code labelSmoothing} ε: the target becomes (1 − ε)·one-hot + ε/C over all C classes, the
 *       true one included.
 *   <li>{@code ignoreIndex} (default −100): targets with this index count for nothing, in the
 *       numerator or the denominator.
 * </ul>
 */
public record CrossEntropyLoss(
    Tensor weight, int ignoreIndex, double labelSmoothing, Reduction reduction) implements Loss {
  public CrossEntropyLoss {
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          "CrossEntropyLoss: label smoothing must be in [0, 1], got " + labelSmoothing);
    }
  }

  public CrossEntropyLoss() {
    this(null, -100, 0, Reduction.MEAN);
  }

  public CrossEntropyLoss withWeight(Tensor w) {
    return new CrossEntropyLoss(w, ignoreIndex, labelSmoothing, reduction);
  }

  public CrossEntropyLoss withLabelSmoothing(double eps) {
    return new CrossEntropyLoss(weight, ignoreIndex, eps, reduction);
  }

  public CrossEntropyLoss withIgnoreIndex(int i) {
    return new CrossEntropyLoss(weight, i, labelSmoothing, reduction);
  }

  public CrossEntropyLoss withReduction(Reduction r) {
    return new CrossEntropyLoss(weight, ignoreIndex, labelSmoothing, r);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    if (input.dim() < 2)
      throw new IllegalArgumentException(
          "CrossEntropyLoss: input must be (N, C, ...), got " + Shape.str(input.shape()));
    int c = input.size(1);
    boolean probabilities = Arrays.equals(input.shape(), target.shape());
    // (N, C, d...) → (N·d..., C): the class dimension last, one row per prediction.
    Tensor x = input.dim() == 2 ? input : moveClassLast(input).reshape(-1, c);
    Tensor logp = x.logSoftmax(1);
    float eps = (float) labelSmoothing;
    if (probabilities) {
      Tensor y = input.dim() == 2 ? target : moveClassLast(target).reshape(-1, c);
      if (eps > 0) y = y.mul(1 - eps).add(eps / c);
      Tensor terms = logp.mul(y);
      if (weight != null) terms = terms.mul(weight);
      Tensor perRow = terms.sum(1).neg();
      Tensor out =
          switch (reduction) {
            case NONE -> perRow;
            case SUM -> perRow.sum();
            case MEAN -> perRow.mean();
          };
      return reduction == Reduction.NONE && input.dim() > 2
          ? out.reshape(noClass(input.shape()))
          : out;
    }
    Tensor t = target.reshape(-1);
    if (t.size(0) != x.size(0)) {
      throw new IllegalArgumentException(
          "CrossEntropyLoss: input "
              + Shape.str(input.shape())
              + " needs class indices of shape "
              + Shape.str(noClass(input.shape()))
              + " or probabilities of its own shape, got "
              + Shape.str(target.shape()));
    }
    Tensor[] picked = NLLLoss.picked("CrossEntropyLoss", logp, t, weight, ignoreIndex);
    Tensor nll = picked[0], w = picked[1];
    Tensor perRow = nll;
    if (eps > 0) {
      // The smoothing term −Σ_c w_c·logp_c, counted only where the target is not ignored.
      Tensor smooth =
          (weight == null ? logp : logp.mul(weight))
              .sum(1)
              .neg()
              .mul(w.gt(0f).add(ignoredWithZeroWeight(t, w)));
      perRow = nll.mul(1 - eps).add(smooth.mul(eps / c));
    }
    Tensor out =
        switch (reduction) {
          case NONE -> perRow;
          case SUM -> perRow.sum();
          case MEAN -> perRow.sum().div(w.sum());
        };
    return reduction == Reduction.NONE && input.dim() > 2
        ? out.reshape(noClass(input.shape()))
        : out;
  }

  /**
   * 1 for counted targets whose class weight happens to be 0 (they still count as "not ignored").
   */
  private Tensor ignoredWithZeroWeight(Tensor t, Tensor w) {
    if (weight == null) return Tensor.scalar(0f);
    float[] tv = t.toArray(), wv = w.toArray(), out = new float[tv.length];
    for (int i = 0; i < tv.length; i++) out[i] = (int) tv[i] != ignoreIndex && wv[i] == 0 ? 1f : 0f;
    return Tensor.of(out);
  }

  static Tensor moveClassLast(Tensor x) {
    int[] order = new int[x.dim()];
    for (int i = 0, k = 0; i < x.dim(); i++) if (i != 1) order[k++] = i;
    order[x.dim() - 1] = 1;
    return x.permute(order);
  }

  static int[] noClass(int[] s) {
    int[] o = new int[s.length - 1];
    o[0] = s[0];
    System.arraycopy(s, 2, o, 1, s.length - 2);
    return o;
  }
}
