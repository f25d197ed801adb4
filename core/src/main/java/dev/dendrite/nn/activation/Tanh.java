package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.SpecReader;

/** Hyperbolic tangent. Shape: any, unchanged. */
public final class Tanh extends Activation {
  public Tanh() {
    super("Tanh", Functional::tanh);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("Tanh", (f, rng) -> new Tanh());
}
