package dev.dendrite.optim;

import dev.dendrite.autograd.Grad;
import dev.dendrite.internal.Access;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameter bookkeeping and per-parameter state shared by the optimizers. */
abstract class BaseOptimizer implements Optimizer {
  final List<Tensor> params;
  double lr;
  private String settings = "optimizer";

  /** Per parameter: state name → tensor of the parameter's shape (or a scalar step count). */
  final List<Map<String, Tensor>> state = new ArrayList<>();

  static final Access.TensorData RAW = Access.tensors();

  /** Records the configuration this optimizer was made from (a record: its text lists them all). */
  final BaseOptimizer describedBy(Record config) {
    settings = config.toString();
    return this;
  }

  @Override
  public final String settings() {
    return settings;
  }

  BaseOptimizer(List<? extends Tensor> params, double lr) {
    if (params.isEmpty())
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": no parameters to optimize");
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (!p.isLeaf())
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": parameter " + i + " is not a leaf tensor");
      if (!p.isContiguous())
        throw new IllegalArgumentException(
            getClass().getSimpleName() + ": parameter " + i + " is not contiguous");
      state.add(new HashMap<>());
    }
    this.params = List.copyOf(params);
    this.lr = lr;
  }

  @Override
  public final void step() {
    try (var off = Grad.disabled()) {
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i), g = p.grad();
        // A frozen parameter (requires_grad off) is skipped even if it kept an old gradient.
        if (g == null || !p.requiresGrad()) continue;
        if (!g.isContiguous()) g = g.contiguous();
        update(i, p, g);
        RAW.wrote(p);
      }
    }
  }

  /** One parameter's update; {@code g} is contiguous and of p's shape. */
  abstract void update(int index, Tensor p, Tensor g);

  /**
   * The named state buffer of parameter {@code i}, created as zeros (or {@code init}) on first use.
   */
  Tensor buffer(int i, String name, float init) {
    return state.get(i).computeIfAbsent(name, k -> Tensor.full(init, params.get(i).shape()));
  }

  /** Increments and returns the step count of parameter i. */
  int nextStep(int i) {
    Tensor s = state.get(i).computeIfAbsent("step", k -> Tensor.scalar(0f));
    float t = s.item() + 1;
    s.fill(t);
    return (int) t;
  }

  static float[] a(Tensor t) {
    return RAW.array(t);
  }

  static int o(Tensor t) {
    return RAW.offset(t);
  }

  @Override
  public final void zeroGrad() {
    // As PyTorch's zero_grad(set_to_none=False) reuses the gradients' memory, the next backward may
    // write a parameter's gradient into the array of the one forgotten here.
    for (Tensor p : params) RAW.recycleGrad(p);
  }

  @Override
  public final double lr() {
    return lr;
  }

  @Override
  public final void setLr(double lr) {
    if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
    this.lr = lr;
  }

  @Override
  public final List<Tensor> params() {
    return params;
  }

  @Override
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < state.size(); i++) {
      for (var e : state.get(i).entrySet()) out.put(i + "." + e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public final void loadStateDict(Map<String, Tensor> saved) {
    for (int i = 0; i < state.size(); i++) state.get(i).clear();
    for (var e : saved.entrySet()) {
      int dot = e.getKey().indexOf('.');
      int i;
      try {
        i = Integer.parseInt(e.getKey().substring(0, Math.max(dot, 0)));
      } catch (NumberFormatException x) {
        throw new IllegalArgumentException("optimizer state: bad key " + e.getKey());
      }
      if (i < 0 || i >= params.size())
        throw new IllegalArgumentException(
            "optimizer state: no parameter " + i + " (key " + e.getKey() + ")");
      String name = e.getKey().substring(dot + 1);
      Tensor v = e.getValue();
      if (!name.equals("step") && !java.util.Arrays.equals(v.shape(), params.get(i).shape())) {
        throw new IllegalArgumentException(
            "optimizer state "
                + e.getKey()
                + " has shape "
                + Shape.str(v.shape())
                + ", parameter "
                + i
                + " has "
                + Shape.str(params.get(i).shape()));
      }
      state.get(i).put(name, Tensor.of(v.toArray(), v.shape()));
    }
  }
}
