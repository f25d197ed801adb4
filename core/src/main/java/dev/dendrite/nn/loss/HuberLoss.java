package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/**
 * Huber loss: {@code ½d²} where {@code |d| < delta}, else {@code delta·(|d| − ½delta)}, with d = x
 * − y. {@code SmoothL1Loss(beta)} is the same curve divided by beta ({@link #smoothL1}).
 */
public record HuberLoss(double delta, Reduction reduction, boolean divideByDelta) implements Loss {
  public HuberLoss {
    if (!(delta > 0))
      throw new IllegalArgumentException("HuberLoss: delta must be > 0, got " + delta);
  }

  public HuberLoss(double delta) {
    this(delta, Reduction.MEAN, false);
  }

  /** PyTorch's SmoothL1Loss: {@code ½d²/β} where {@code |d| < β}, else {@code |d| − ½β}. */
  public static HuberLoss smoothL1(double beta) {
    return new HuberLoss(beta, Reduction.MEAN, true);
  }

  public HuberLoss withReduction(Reduction r) {
    return new HuberLoss(delta, r, divideByDelta);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape(divideByDelta ? "SmoothL1Loss" : "HuberLoss", input, target);
    float d = (float) delta;
    Tensor diff = input.sub(target), a = diff.abs();
    Tensor l = Tensor.where(a.lt(d), diff.square().mul(0.5f), a.sub(0.5f * d).mul(d));
    return reduction.reduce(divideByDelta ? l.div(d) : l);
  }
}
