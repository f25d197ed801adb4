package dev.dendrite.nn.activation;

import dev.dendrite.nn.F;

/** The perceptron's hard threshold: 1 where x ≥ 0, else 0 (zero gradient). Shape: any, unchanged. */
public final class Step extends Pointwise {
  public Step() {
    super("Step", F::step);
  }
}
