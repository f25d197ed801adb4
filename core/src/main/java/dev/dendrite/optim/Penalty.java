package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Weight penalties added to the loss, written out explicitly so the convention is visible.
 *
 * <p>Two conventions exist for L2: {@code λ·Σw²} (gradient 2λw) and {@code (λ/2)·Σw²} (gradient
 * λw). SGD's {@code weightDecay = wd} equals the second with λ = wd, i.e. the first with λ = wd/2.
 * {@link #l2} takes the convention as an argument; L1 is {@code λ·Σ|w|}; elastic net is the sum of
 * the two (Zou & Hastie 2005).
 */
public final class Penalty {
  private Penalty() {}

  /** {@code λ·Σ|w|}, which drives weights to exactly zero. */
  public static Tensor l1(List<? extends Tensor> params, double lambda) {
    Tensor s = Tensor.scalar(0f);
    for (Tensor p : params) s = s.add(p.abs().sum());
    return s.mul((float) lambda);
  }

  /** {@code λ·Σw²}, or {@code (λ/2)·Σw²} with {@code halfSquared} (then the gradient is λw). */
  public static Tensor l2(List<? extends Tensor> params, double lambda, boolean halfSquared) {
    Tensor s = Tensor.scalar(0f);
    for (Tensor p : params) s = s.add(p.square().sum());
    return s.mul((float) (halfSquared ? lambda / 2 : lambda));
  }

  /** {@code λ1·Σ|w| + λ2·Σw²}. */
  public static Tensor elasticNet(List<? extends Tensor> params, double l1, double l2) {
    return l1(params, l1).add(l2(params, l2, false));
  }
}
