package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a network: a function of one tensor with parameters and state.
 *
 * <p>A module lists what it owns explicitly, never by reflection: {@link #localParameters()} (by
 * their PyTorch names, e.g. {@code weight}, {@code bias}), {@link #localBuffers()} (state that is
 * saved but not trained, e.g. BatchNorm's {@code running_mean}) and {@link #children()}. From those
 * come the dotted names of PyTorch's {@code state_dict} ({@code 0.weight}, {@code fc1.bias}), so
 * PyTorch weights load by name.
 *
 * <p>Modes: {@link #train()} (the default) and {@link #eval()} switch dropout, noise and batch
 * statistics for this module and all its children.
 */
public abstract class Module {
  private boolean training = true;

  /** The output for input {@code x}. */
  public abstract Tensor forward(Tensor x);

  /** Parameters owned directly, by local name, in a fixed order. Default: none. */
  protected Map<String, Parameter> localParameters() {
    return Map.of();
  }

  /**
   * {@code weight} and, when not null, {@code bias}: the parameters of most layers, in PyTorch's
   * order.
   */
  protected static Map<String, Parameter> weightAndBias(Parameter weight, Parameter bias) {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put("weight", weight);
    if (bias != null) m.put("bias", bias);
    return m;
  }

  /** Buffers owned directly, by local name. Default: none. */
  protected Map<String, Tensor> localBuffers() {
    return Map.of();
  }

  /** Sub-modules by name, in a fixed order. Default: none. */
  public Map<String, Module> children() {
    return Map.of();
  }

  /**
   * The output shape for an input of shape {@code in} (batch dimension included), checked at build
   * time.
   */
  public int[] outputShape(int[] in) {
    return in.clone();
  }

  /** Every parameter of this module and its descendants, by dotted name. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", this, out, null);
    return Collections.unmodifiableMap(out);
  }

  /** Every parameter, in {@link #namedParameters()} order. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Parameters and buffers by dotted name, as PyTorch's {@code state_dict()}. */
  public final Map<String, Tensor> stateDict() {
    Map<String, Parameter> params = new LinkedHashMap<>();
    Map<String, Tensor> all = new LinkedHashMap<>();
    collect("", this, params, all);
    return Collections.unmodifiableMap(all);
  }

  private static void collect(
      String prefix, Module m, Map<String, Parameter> params, Map<String, Tensor> all) {
    for (var e : m.localParameters().entrySet()) {
      params.put(prefix + e.getKey(), e.getValue());
      if (all != null) all.put(prefix + e.getKey(), e.getValue());
    }
    if (all != null)
      for (var e : m.localBuffers().entrySet()) all.put(prefix + e.getKey(), e.getValue());
    for (var e : m.children().entrySet())
      collect(prefix + e.getKey() + ".", e.getValue(), params, all);
  }

  /**
   * Freezes the parameters whose dotted names match {@code pattern} (a {@link NamePattern}: a glob
   * such as {@code 0.*}, or {@code re:} and a regex), as PyTorch's {@code p.requires_grad_(False)}:
   * backward computes no gradient for them and optimizers skip them. Returns the names frozen.
   *
   * @throws IllegalArgumentException if the pattern matches no parameter
   */
  public final List<String> freeze(String pattern) {
    return setRequiresGrad(pattern, false);
  }

  /** Undoes {@link #freeze} for the parameters matching {@code pattern}; returns their names. */
  public final List<String> unfreeze(String pattern) {
    return setRequiresGrad(pattern, true);
  }

  private List<String> setRequiresGrad(String pattern, boolean on) {
    NamePattern p = NamePattern.of(pattern);
    List<String> hit = new ArrayList<>();
    for (var e : namedParameters().entrySet()) {
      if (!p.matches(e.getKey())) continue;
      e.getValue().requiresGrad(on);
      if (!on) e.getValue().zeroGrad();
      hit.add(e.getKey());
    }
    if (hit.isEmpty())
      throw new IllegalArgumentException(
          "pattern '"
              + pattern
              + "' matches no parameter of "
              + getClass().getSimpleName()
              + " (names: "
              + String.join(", ", namedParameters().keySet())
              + ")");
    return hit;
  }

  /** The parameters that are not frozen, by dotted name: what an optimizer should be given. */
  public final Map<String, Parameter> trainableParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (var e : namedParameters().entrySet())
      if (e.getValue().requiresGrad()) out.put(e.getKey(), e.getValue());
    return Collections.unmodifiableMap(out);
  }

  /** Switches this module and its children to training mode. Returns this. */
  public Module train() {
    setTraining(true);
    return this;
  }

  /** Switches this module and its children to evaluation mode. Returns this. */
  public Module eval() {
    setTraining(false);
    return this;
  }

  private void setTraining(boolean on) {
    training = on;
    for (Module c : children().values()) c.setTraining(on);
  }

  public final boolean isTraining() {
    return training;
  }

  /** Forgets the gradients of every parameter. */
  public final void zeroGrad() {
    for (Parameter p : parameters()) p.zeroGrad();
  }

  /** Number of trainable scalars. */
  public final long parameterCount() {
    long n = 0;
    for (Parameter p : parameters()) n += p.numel();
    return n;
  }

  /**
   * This module's architecture as JSON-ready values, {@code {"type": "Linear", "in": 784, ...}},
   * from which {@code io.ModelSpec} rebuilds it. Parameters and buffers are not part of the spec.
   */
  public Map<String, Object> spec() {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot be described as a spec yet");
  }

  /**
   * This module followed by the first {@link Fusion#absorbed()} modules of {@code next} as one
   * module, or null (the default). {@link Sequential} asks each of its layers once, when it is
   * built, and runs the fused module in place of the run it covers; a module called on its own is
   * never fused.
   */
  protected Fusion fuse(List<Module> next) {
    return null;
  }

  /**
   * A Keras-style table of layers, output shapes and parameter counts for an input of shape {@code
   * in}.
   */
  public final String summary(int... in) {
    return Summary.table(this, in);
  }

  /** A short description in PyTorch's style, e.g. {@code Linear(in=784, out=10)}. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "()";
  }
}
