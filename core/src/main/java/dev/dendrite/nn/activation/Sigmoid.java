package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.SpecReader;

/** Logistic sigmoid, {@code 1/(1 + e^{−x})}. Shape: any, unchanged. */
public final class Sigmoid extends Activation {
  public Sigmoid() {
    super("Sigmoid", Functional::sigmoid);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("Sigmoid", (f, rng) -> new Sigmoid());
}
