package dev.dendrite.nn;

import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Modules applied one after another; children are named {@code 0, 1, 2, ...} as in PyTorch. */
public final class Sequential extends Module {
  private final List<Module> layers;

  public Sequential(Module... layers) {
    this(List.of(layers));
  }

  public Sequential(List<Module> layers) {
    this.layers = List.copyOf(layers);
  }

  public List<Module> layers() {
    return layers;
  }

  /**
   * Each layer in turn. A Conv2d followed by a ReLU, and by a max pool, runs as one fused op
   * ({@link Conv2d#forwardRelu}, {@link Conv2d#forwardReluMaxPool}): the same output and gradients
   * with fewer passes over the full-size feature maps.
   */
  @Override
  public Tensor forward(Tensor x) {
    for (int i = 0; i < layers.size(); i++) {
      Module m = layers.get(i);
      if (m instanceof Conv2d c && i + 1 < layers.size() && layers.get(i + 1) instanceof ReLU) {
        if (i + 2 < layers.size() && layers.get(i + 2) instanceof MaxPool2d p) {
          x = c.forwardReluMaxPool(x, p);
          i += 2;
        } else {
          x = c.forwardRelu(x);
          i++;
        }
      } else {
        x = m.forward(x);
      }
    }
    return x;
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> c = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) c.put(Integer.toString(i), layers.get(i));
    return Collections.unmodifiableMap(c);
  }

  /** Each layer's output shape in turn; a mismatch names the layer. */
  @Override
  public int[] outputShape(int[] in) {
    int[] s = in;
    for (int i = 0; i < layers.size(); i++) {
      try {
        s = layers.get(i).outputShape(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + "), input " + Shape.str(s) + ": " + e.getMessage(), e);
      }
    }
    return s;
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Sequential");
    m.put("layers", layers.stream().map(Module::spec).toList());
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Sequential(\n");
    for (int i = 0; i < layers.size(); i++) sb.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
    return sb.append(')').toString();
  }
}
