package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/** Mean squared error, {@code (x − y)²} reduced. */
public record MSELoss(Reduction reduction) implements Loss {
  public MSELoss() {
    this(Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("MSELoss", input, target);
    return reduction.reduce(input.sub(target).square());
  }
}
