package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;

/** Hyperbolic tangent. Shape: any, unchanged. */
public final class Tanh extends Activation {
  public Tanh() {
    super("Tanh", Functional::tanh);
  }
}
