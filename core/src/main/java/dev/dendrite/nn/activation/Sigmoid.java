package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;

/** Logistic sigmoid, {@code 1/(1 + e^{−x})}. Shape: any, unchanged. */
public final class Sigmoid extends Activation {
  public Sigmoid() {
    super("Sigmoid", Functional::sigmoid);
  }
}
