package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Softplus, {@code (1/β)·log(1 + e^{βx})}, linear above {@code threshold}; PyTorch's β = 1,
 * threshold = 20. Shape: any, unchanged.
 */
public final class Softplus extends Module {
  private final float beta;
  private final float threshold;

  /** With the defaults: beta = 1, threshold = 20. */
  public Softplus() {
    this(1f, 20f);
  }

  public Softplus(float beta, float threshold) {
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.softplus(x, beta, threshold);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Softplus",
          (f, rng) -> new Softplus((float) f.number("beta", 1), (float) f.number("threshold", 20)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Softplus");
    m.put("beta", beta);
    m.put("threshold", threshold);
    return m;
  }

  @Override
  public String toString() {
    return "Softplus(beta=" + beta + ", threshold=" + threshold + ")";
  }
}
