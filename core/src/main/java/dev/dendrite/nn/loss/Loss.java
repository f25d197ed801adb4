package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/**
 * A training criterion: compares a prediction with a target and gives the loss (a scalar unless
 * reduction is NONE).
 */
@FunctionalInterface
public interface Loss {
  Tensor apply(Tensor input, Tensor target);
}
