package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;

/** SiLU (swish), {@code x·σ(x)}. Shape: any, unchanged. */
public final class SiLU extends Activation {
  public SiLU() {
    super("SiLU", Functional::silu);
  }
}
