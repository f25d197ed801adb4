package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ELU: {@code x} where x > 0, else {@code alpha·(eˣ − 1)}; alpha 1 by default. Shape: any,
 * unchanged.
 */
public final class ELU extends Module {
  private final float alpha;

  /** With the defaults: alpha = 1. */
  public ELU() {
    this(1f);
  }

  public ELU(float alpha) {
    this.alpha = alpha;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.elu(x, alpha);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("ELU", (f, rng) -> new ELU((float) f.number("alpha", 1)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ELU");
    m.put("alpha", alpha);
    return m;
  }

  @Override
  public String toString() {
    return "ELU(alpha=" + alpha + ")";
  }
}
