package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;

/**
 * Negative log-likelihood on log-probabilities (N, C) and class indices (N): {@code
 * −w[y_i]·input[i, y_i]}; or, as PyTorch, on (N, C, d₁, …) and indices (N, d₁, …), each position a
 * prediction ({@code NONE} then keeps the shape (N, d₁, …)). Targets equal to {@code ignoreIndex}
 * contribute nothing. With MEAN, the sum is divided by the sum of the counted targets' weights (so
 * by their number without weights), as in PyTorch.
 *
 * @param weight per-class weights (C), or null
 */
public record NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) implements Loss {
  public NLLLoss() {
    this(null, -100, Reduction.MEAN);
  }

  public NLLLoss withWeight(Tensor w) {
    return new NLLLoss(w, ignoreIndex, reduction);
  }

  public NLLLoss withIgnoreIndex(int i) {
    return new NLLLoss(weight, i, reduction);
  }

  public NLLLoss withReduction(Reduction r) {
    return new NLLLoss(weight, ignoreIndex, r);
  }

  @Override
  public Tensor apply(Tensor logProbs, Tensor target) {
    if (logProbs.dim() <= 2 || target.dim() != logProbs.dim() - 1)
      return nll("NLLLoss", logProbs, target, weight, ignoreIndex, reduction);
    int[] want = CrossEntropyLoss.noClass(logProbs.shape());
    if (!java.util.Arrays.equals(target.shape(), want))
      throw new IllegalArgumentException(
          "NLLLoss: input "
              + Shape.str(logProbs.shape())
              + " needs class indices of shape "
              + Shape.str(want)
              + ", got "
              + Shape.str(target.shape()));
    // (N, C, d...) → (N·d..., C): one row per prediction, as CrossEntropyLoss does.
    Tensor rows = CrossEntropyLoss.moveClassLast(logProbs).reshape(-1, logProbs.size(1));
    Tensor out = nll("NLLLoss", rows, target.reshape(-1), weight, ignoreIndex, reduction);
    return reduction == Reduction.NONE ? out.reshape(want) : out;
  }

  /** Per-example −w·logp at the target, and the per-example weights (0 where ignored). */
  static Tensor[] picked(
      String loss, Tensor logProbs, Tensor target, Tensor weight, int ignoreIndex) {
    if (logProbs.dim() != 2 || target.dim() != 1 || target.size(0) != logProbs.size(0)) {
      throw new IllegalArgumentException(
          loss
              + ": input (N, C) and class indices (N) expected, got "
              + Shape.str(logProbs.shape())
              + " and "
              + Shape.str(target.shape()));
    }
    int c = logProbs.size(1);
    float[] t = target.toArray();
    float[] safe = new float[t.length], w = new float[t.length];
    float[] cw = weight == null ? null : weight.toArray();
    if (cw != null && cw.length != c)
      throw new IllegalArgumentException(
          loss + ": " + cw.length + " class weights for " + c + " classes");
    for (int i = 0; i < t.length; i++) {
      int y = (int) t[i];
      if (y == ignoreIndex) continue;
      if (y != t[i] || y < 0 || y >= c)
        throw new IllegalArgumentException(
            loss + ": target " + t[i] + " of example " + i + " outside [0, " + c + ")");
      safe[i] = y;
      w[i] = cw == null ? 1f : cw[y];
    }
    Tensor wt = Tensor.of(w);
    Tensor lp = logProbs.gather(1, Tensor.of(safe).unsqueeze(1)).squeeze(1);
    return new Tensor[] {lp.mul(wt).neg(), wt};
  }

  static Tensor nll(
      String loss,
      Tensor logProbs,
      Tensor target,
      Tensor weight,
      int ignoreIndex,
      Reduction reduction) {
    Tensor[] p = picked(loss, logProbs, target, weight, ignoreIndex);
    return switch (reduction) {
      case NONE -> p[0];
      case SUM -> p[0].sum();
      case MEAN -> p[0].sum().div(p[1].sum());
    };
  }
}
