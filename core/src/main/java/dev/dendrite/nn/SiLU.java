package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** SiLU (swish), {@code x·σ(x)}. Shape: any, unchanged. */
public final class SiLU extends Module {

  @Override
  public Tensor forward(Tensor x) {
    return F.silu(x);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "SiLU");
    return m;
  }

  @Override
  public String toString() {
    return "SiLU()";
  }
}
