package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;

/** Rectified linear unit, {@code max(x, 0)}. Shape: any, unchanged. */
public final class ReLU extends Activation {
  public ReLU() {
    super("ReLU", Functional::relu);
  }
}
