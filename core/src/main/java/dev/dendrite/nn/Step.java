package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The perceptron's hard threshold: 1 where x ≥ 0, else 0 (zero gradient). Shape: any, unchanged. */
public final class Step extends Module {

  @Override
  public Tensor forward(Tensor x) {
    return F.step(x);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Step");
    return m;
  }

  @Override
  public String toString() {
    return "Step()";
  }
}
