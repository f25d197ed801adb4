package dev.dendrite.nn.activation;

import dev.dendrite.nn.F;

/** Hyperbolic tangent. Shape: any, unchanged. */
public final class Tanh extends Pointwise {
  public Tanh() {
    super("Tanh", F::tanh);
  }
}
