package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.SpecReader;

/** SiLU (swish), {@code x·σ(x)}. Shape: any, unchanged. */
public final class SiLU extends Activation {
  public SiLU() {
    super("SiLU", Functional::silu);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("SiLU", (f, rng) -> new SiLU());
}
