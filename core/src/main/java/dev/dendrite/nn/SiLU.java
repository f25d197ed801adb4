package dev.dendrite.nn;

/** SiLU (swish), {@code x·σ(x)}. Shape: any, unchanged. */
public final class SiLU extends Pointwise {
  public SiLU() {
    super("SiLU", F::silu);
  }
}
