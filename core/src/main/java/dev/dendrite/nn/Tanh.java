package dev.dendrite.nn;

/** Hyperbolic tangent. Shape: any, unchanged. */
public final class Tanh extends Pointwise {
  public Tanh() {
    super("Tanh", F::tanh);
  }
}
