package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/** Mean squared error, {@code (x − y)²} reduced. */
public record MseLoss(Reduction reduction) implements Loss {
  public MseLoss() {
    this(Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("MseLoss", input, target);
    return reduction.reduce(input.sub(target).square());
  }
}
