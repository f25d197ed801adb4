package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.SpecReader;

/**
 * The perceptron's hard threshold: 1 where x ≥ 0, else 0 (zero gradient). Shape: any, unchanged.
 */
public final class Heaviside extends Activation {
  public Heaviside() {
    super("Heaviside", Functional::heaviside);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("Heaviside", (f, rng) -> new Heaviside());

  /** The same under the type name "Step", which older specs were written with. */
  public static final SpecReader SPEC_AS_STEP = SPEC.as("Step");
}
