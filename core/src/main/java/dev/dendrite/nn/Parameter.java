package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;

/**
 * A tensor that a module learns: a leaf that requires grad. Optimizers update it in place (inside
 * {@code Grad.disabled()}); {@code copyFrom} loads saved values into it.
 */
public final class Parameter extends Tensor {
  /** Wraps {@code init}'s values (shared, not copied) as a trainable leaf. */
  public Parameter(Tensor init) {
    super(init.detach());
    requiresGrad(true);
  }
}
