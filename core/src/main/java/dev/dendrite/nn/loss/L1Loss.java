package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/** Mean absolute error, {@code |x − y|} reduced. */
public record L1Loss(Reduction reduction) implements Loss {
  public L1Loss() {
    this(Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("L1Loss", input, target);
    return reduction.reduce(input.sub(target).abs());
  }
}
