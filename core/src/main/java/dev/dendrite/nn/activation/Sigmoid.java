package dev.dendrite.nn.activation;

import dev.dendrite.nn.F;

/** Logistic sigmoid, {@code 1/(1 + e^{−x})}. Shape: any, unchanged. */
public final class Sigmoid extends Pointwise {
  public Sigmoid() {
    super("Sigmoid", F::sigmoid);
  }
}
