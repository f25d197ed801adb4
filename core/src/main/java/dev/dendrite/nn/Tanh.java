package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hyperbolic tangent. Shape: any, unchanged. */
public final class Tanh extends Module {

  @Override
  public Tensor forward(Tensor x) {
    return F.tanh(x);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Tanh");
    return m;
  }

  @Override
  public String toString() {
    return "Tanh()";
  }
}
