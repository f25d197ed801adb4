package dev.dendrite.nn.activation;

import dev.dendrite.nn.F;

/** SiLU (swish), {@code x·σ(x)}. Shape: any, unchanged. */
public final class SiLU extends Pointwise {
  public SiLU() {
    super("SiLU", F::silu);
  }
}
