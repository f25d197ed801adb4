package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.SpecReader;

/** Rectified linear unit, {@code max(x, 0)}. Shape: any, unchanged. */
public final class ReLU extends Activation {
  public ReLU() {
    super("ReLU", Functional::relu);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("ReLU", (f, rng) -> new ReLU());
}
