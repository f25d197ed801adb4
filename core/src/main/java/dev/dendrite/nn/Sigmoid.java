package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Logistic sigmoid, {@code 1/(1 + e^{−x})}. Shape: any, unchanged. */
public final class Sigmoid extends Module {

  @Override
  public Tensor forward(Tensor x) {
    return F.sigmoid(x);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Sigmoid");
    return m;
  }

  @Override
  public String toString() {
    return "Sigmoid()";
  }
}
