package dev.dendrite.nn;

import dev.dendrite.autograd.Anomaly;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modules applied one after another; children are named {@code 0, 1, 2, ...} as in PyTorch.
 *
 * <p>When it is built, each layer may take over the layers after it ({@link Module#fuse}): a Conv2d
 * or a BatchNorm2d followed by a ReLU, and by a max pool, runs as one op with the same outputs and
 * gradients and fewer passes over the full-size feature maps. The children, and so the state dict,
 * stay the layers as given.
 */
public final class Sequential extends Module {
  private final List<Module> layers;

  /** What {@link #forward} runs: the layers, with each fused run replaced by its fused module. */
  private final List<Module> plan;

  /** The name of each step of {@link #plan}: its first layer's index (a fused run's first). */
  private final List<String> names;

  public Sequential(Module... layers) {
    this(List.of(layers));
  }

  public Sequential(List<Module> layers) {
    this.layers = List.copyOf(layers);
    this.plan = fused(this.layers);
    List<String> n = new ArrayList<>();
    for (int i = 0, k = 0; k < plan.size(); k++) {
      n.add(Integer.toString(i));
      i += plan.get(k) == this.layers.get(i) ? 1 : 1 + absorbed(this.layers, i);
    }
    this.names = List.copyOf(n);
  }

  private static int absorbed(List<Module> layers, int i) {
    Fusion f = layers.get(i).fuse(layers.subList(i + 1, layers.size()));
    return f == null ? 0 : f.absorbed();
  }

  /** The layers are fixed once built, so this pass runs once, here. */
  private static List<Module> fused(List<Module> layers) {
    List<Module> plan = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Fusion f = layers.get(i).fuse(layers.subList(i + 1, layers.size()));
      if (f == null) {
        plan.add(layers.get(i));
        continue;
      }
      if (f.absorbed() > layers.size() - i - 1) {
        throw new IllegalStateException(
            layers.get(i)
                + " fused "
                + f.absorbed()
                + " layers, but only "
                + (layers.size() - i - 1)
                + " follow it");
      }
      plan.add(f.module());
      i += f.absorbed();
    }
    return List.copyOf(plan);
  }

  /** What {@link #forward} runs: the layers, with each fused run replaced by its fused module. */
  List<Module> plan() {
    return plan;
  }

  public List<Module> layers() {
    return layers;
  }

  /**
   * A new Sequential with layer {@code index} replaced by {@code module} (e.g. a new head); the
   * other layers are shared, not copied, so their weights stay as trained.
   */
  public Sequential replace(int index, Module module) {
    if (index < 0 || index >= layers.size())
      throw new IllegalArgumentException(
          "Sequential has layers 0.." + (layers.size() - 1) + ", no layer " + index);
    List<Module> copy = new ArrayList<>(layers);
    copy.set(index, module);
    return new Sequential(copy);
  }

  /** {@link #replace(int, Module)} by the layer's name, its index as a string ({@code "5"}). */
  public Sequential replace(String name, Module module) {
    int i;
    try {
      i = Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Sequential names its layers 0.." + (layers.size() - 1) + ", not '" + name + "'");
    }
    return replace(i, module);
  }

  @Override
  public Tensor forward(Tensor x) {
    if (Anomaly.enabled()) return forwardNamed(x);
    for (Module m : plan) x = m.forward(x);
    return x;
  }

  /** The forward pass with each step's layer name known to anomaly detection. */
  private Tensor forwardNamed(Tensor x) {
    for (int k = 0; k < plan.size(); k++) {
      Anomaly.enter(names.get(k));
      try {
        x = plan.get(k).forward(x);
      } finally {
        Anomaly.exit();
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
        throw new IllegalArgumentException(
            "layer "
                + i
                + " ("
                + layers.get(i)
                + "), input "
                + Shape.str(s)
                + ": "
                + e.getMessage(),
            e);
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
    for (int i = 0; i < layers.size(); i++)
      sb.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
    return sb.append(')').toString();
  }
}
