package dev.dendrite.train.callbacks;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-layer gradient L2 norms over training, to see vanishing and exploding gradients: each layer's
 * norm (over all its parameters' gradients, as {@code clip_grad_norm_} measures them) is taken at
 * every optimizer step, and at each epoch's end the mean and the largest of the epoch go to the
 * metrics log as {@code {"event": "grad_norms", "epoch": 3, "mean": {"0": ..., "2": ...}, "max":
 * {...}}}. A layer is a parameter name without its last part ({@code 0.weight} → {@code 0}).
 *
 * <p>The trainer's step zeroes the gradients after the update, so the norms are read by the
 * optimizer {@link #watch} returns, just before it updates.
 */
public final class GradNorms implements TrainListener {
  private final MetricsLog log;
  private final List<String> layers = new ArrayList<>();
  private final List<List<Parameter>> members = new ArrayList<>();
  private double[] sum, max;
  private int steps;

  public GradNorms(Module model, MetricsLog log) {
    this.log = log;
    Map<String, List<Parameter>> by = new LinkedHashMap<>();
    for (var e : model.namedParameters().entrySet()) {
      String name = e.getKey();
      int dot = name.lastIndexOf('.');
      by.computeIfAbsent(dot < 0 ? name : name.substring(0, dot), k -> new ArrayList<>())
          .add(e.getValue());
    }
    by.forEach(
        (k, v) -> {
          layers.add(k);
          members.add(v);
        });
    sum = new double[layers.size()];
    max = new double[layers.size()];
  }

  /** The layers, in the model's order. */
  public List<String> layers() {
    return List.copyOf(layers);
  }

  /** Each layer's gradient norm now (0 for a layer with no gradient). */
  public double[] norms() {
    double[] out = new double[layers.size()];
    for (int i = 0; i < out.length; i++) {
      double s = 0;
      for (Parameter p : members.get(i)) {
        Tensor g = p.grad();
        if (g == null) continue;
        for (float v : g.toArray()) s += (double) v * v;
      }
      out[i] = Math.sqrt(s);
    }
    return out;
  }

  /** {@code opt}, recording the norms before each of its steps. */
  public Optimizer watch(Optimizer opt) {
    return new Optimizer() {
      @Override
      public void step() {
        double[] n = norms();
        for (int i = 0; i < n.length; i++) {
          sum[i] += n[i];
          max[i] = Math.max(max[i], n[i]);
        }
        steps++;
        opt.step();
      }

      @Override
      public void zeroGrad() {
        opt.zeroGrad();
      }

      @Override
      public double lr() {
        return opt.lr();
      }

      @Override
      public void setLr(double lr) {
        opt.setLr(lr);
      }

      @Override
      public List<Tensor> params() {
        return opt.params();
      }

      @Override
      public Map<String, Tensor> stateDict() {
        return opt.stateDict();
      }

      @Override
      public void loadStateDict(Map<String, Tensor> state) {
        opt.loadStateDict(state);
      }

      @Override
      public String settings() {
        return opt.settings();
      }
    };
  }

  @Override
  public void on(TrainEvent e) {
    if (!(e instanceof TrainEvent.EpochEnded en) || steps == 0) return;
    Map<String, Object> mean = new LinkedHashMap<>(), top = new LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      mean.put(layers.get(i), sum[i] / steps);
      top.put(layers.get(i), max[i]);
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch", en.epoch());
    line.put("steps", steps);
    line.put("mean", mean);
    line.put("max", top);
    log.write("grad_norms", line);
    sum = new double[layers.size()];
    max = new double[layers.size()];
    steps = 0;
  }
}
