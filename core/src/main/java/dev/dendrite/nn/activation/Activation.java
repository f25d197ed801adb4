package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A parameterless module applying one function elementwise; the subclasses only name it. Shape:
 * any, unchanged.
 */
abstract class Activation extends Module {
  private final String name;
  private final UnaryOperator<Tensor> f;

  Activation(String name, UnaryOperator<Tensor> f) {
    this.name = name;
    this.f = f;
  }

  @Override
  public final Tensor forward(Tensor x) {
    return f.apply(x);
  }

  @Override
  public final Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", name);
    return m;
  }

  @Override
  public final String toString() {
    return name + "()";
  }
}
