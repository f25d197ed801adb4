package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Softmax along {@code dim}: {@code e^{x_i} / Σ_j e^{x_j}}, computed stably. Shape: any, unchanged.
 */
public final class Softmax extends Module {
  private final int dim;

  /** With the defaults: dim = -1. */
  public Softmax() {
    this(-1);
  }

  public Softmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.softmax(dim);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("Softmax", (f, rng) -> new Softmax(f.integer("dim", -1)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Softmax");
    m.put("dim", dim);
    return m;
  }

  @Override
  public String toString() {
    return "Softmax(dim=" + dim + ")";
  }
}
