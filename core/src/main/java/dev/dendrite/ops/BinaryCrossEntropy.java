package dev.dendrite.ops;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities, element-wise, as PyTorch's {@code binary_cross_entropy}:
 * the loss {@code −[y·log x + (1 − y)·log(1 − x)]} with each log clamped at −100, and the gradient
 * {@code (x − y) / max(x·(1 − x), 10⁻¹²)}. Its own backward, because the chain rule through the
 * clamped logs gives 0·∞ = NaN at x = 0 or 1, where PyTorch gives finite values.
 */
public final class BinaryCrossEntropy {
  private BinaryCrossEntropy() {}

  /** PyTorch's floor on x·(1 − x) in the gradient. */
  private static final float EPSILON = 1e-12f;

  /** The loss of every element; {@code input} and {@code target} have the same shape. */
  public static Tensor elementwise(Tensor input, Tensor target) {
    Tensor xs = input.detach(), ys = target.detach();
    Tensor out;
    try (var off = Grad.disabled()) {
      out = ys.mul(clampedLog(xs)).add(Tensor.scalar(1f).sub(ys).mul(clampedLog1m(xs))).neg();
    }
    boolean targetGrad = target.requiresGrad();
    return Tensor.custom(
        "binary_cross_entropy",
        out,
        new Tensor[] {input, target},
        new Tensor[] {xs, ys},
        g -> grads(g, xs, ys, targetGrad),
        g -> grads(g, input, target, targetGrad));
  }

  /** In tensor ops, so that the same rule serves ordinary and double backward. */
  private static Tensor[] grads(Tensor g, Tensor x, Tensor y, boolean targetGrad) {
    Tensor denom = x.mul(Tensor.scalar(1f).sub(x)).clamp(EPSILON, Float.POSITIVE_INFINITY);
    Tensor dx = g.mul(x.sub(y).div(denom));
    Tensor dy = targetGrad ? g.mul(clampedLog1m(x).sub(clampedLog(x))) : null;
    return new Tensor[] {dx, dy};
  }

  private static Tensor clampedLog(Tensor x) {
    return x.log().clamp(-100f, Float.POSITIVE_INFINITY);
  }

  private static Tensor clampedLog1m(Tensor x) {
    return Tensor.scalar(1f).sub(x).log().clamp(-100f, Float.POSITIVE_INFINITY);
  }
}
