package dev.dendrite.nn.activation;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GELU, {@code x·Φ(x)}; exact by default (PyTorch's {@code approximate='none'}), or the tanh form.
 * Shape: any, unchanged.
 */
public final class GELU extends Module {
  private final boolean tanh;

  /** With the defaults: tanh = false. */
  public GELU() {
    this(false);
  }

  public GELU(boolean tanh) {
    this.tanh = tanh;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.gelu(x, tanh);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("GELU", (f, rng) -> new GELU(f.bool("tanh", false)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "GELU");
    m.put("tanh", tanh);
    return m;
  }

  @Override
  public String toString() {
    return "GELU(tanh=" + tanh + ")";
  }
}
