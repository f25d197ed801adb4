package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;

/** The perceptron's hard threshold: 1 where x ≥ 0, else 0 (zero gradient). Shape: any, unchanged. */
public final class Heaviside extends Activation {
  public Heaviside() {
    super("Heaviside", Functional::heaviside);
  }
}
