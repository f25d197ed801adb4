package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rectified linear unit, {@code max(x, 0)}. Shape: any, unchanged. */
public final class ReLU extends Module {

  @Override
  public Tensor forward(Tensor x) {
    return F.relu(x);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ReLU");
    return m;
  }

  @Override
  public String toString() {
    return "ReLU()";
  }
}
