package dev.dendrite.nn.activation;

import dev.dendrite.nn.F;

/** Rectified linear unit, {@code max(x, 0)}. Shape: any, unchanged. */
public final class ReLU extends Pointwise {
  public ReLU() {
    super("ReLU", F::relu);
  }
}
