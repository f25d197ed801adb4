package dev.dendrite.train;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Tensor;
import java.util.Map;

/**
 * A training metric, accumulated over an epoch's steps: {@link Trainer} calls {@link #reset} when
 * an epoch starts, {@link #update} after each step and {@link #value} when it ends, and reports the
 * value under {@link #name} in {@link TrainEvent.EpochEnded}.
 */
public interface Metric {
  String name();

  void reset();

  void update(TrainStep.Outcome step);

  double value();

  /**
   * The running sums of the epoch so far, for a checkpoint written inside an epoch (empty: a metric
   * that restarts from the resumed batch).
   */
  default Map<String, Double> state() {
    return Map.of();
  }

  /** Puts back what {@link #state} saved. */
  default void restore(Map<String, Double> state) {}

  /** The epoch's mean loss, each batch weighted by its size, as {@code loss}. */
  static Metric loss() {
    return new Mean("loss", 1);
  }

  /**
   * The mean cross-entropy in bits, as {@code bits_per_char}: the loss (in nats) divided by ln 2.
   */
  static Metric bitsPerChar() {
    return new Mean("bits_per_char", Math.log(2));
  }

  /**
   * The fraction of rows whose largest logit is the target class, as {@code accuracy}: output (N,
   * C), target (N); 0 for other shapes.
   */
  static Metric accuracy() {
    return new Accuracy();
  }

  /**
   * The mean absolute error of the output against the target, over all elements, as {@code mae}.
   */
  static Metric mae() {
    return new AbsoluteError();
  }

  /** The mean of each step's loss weighted by its size, divided by {@code unit}. */
  final class Mean implements Metric {
    private final String name;
    private final double unit;
    private double sum;
    private long count;

    Mean(String name, double unit) {
      this.name = name;
      this.unit = unit;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void reset() {
      sum = 0;
      count = 0;
    }

    @Override
    public void update(TrainStep.Outcome s) {
      sum += s.loss() * s.size();
      count += s.size();
    }

    @Override
    public double value() {
      return sum / count / unit;
    }

    @Override
    public Map<String, Double> state() {
      return Map.of("sum", sum, "count", (double) count);
    }

    @Override
    public void restore(Map<String, Double> s) {
      sum = s.getOrDefault("sum", 0.0);
      count = (long) (double) s.getOrDefault("count", 0.0);
    }
  }

  final class Accuracy implements Metric {
    private long right, count;

    @Override
    public String name() {
      return "accuracy";
    }

    @Override
    public void reset() {
      right = 0;
      count = 0;
    }

    @Override
    public void update(TrainStep.Outcome s) {
      Tensor logits = s.output(), target = s.target();
      if (logits == null || target == null || logits.dim() != 2 || target.dim() != 1) {
        count += s.size();
        return;
      }
      try (var off = Grad.disabled()) {
        float[] p = logits.argmax(1, false).toArray(), t = target.toArray();
        count += p.length;
        for (int i = 0; i < p.length; i++) if (p[i] == t[i]) right++;
      }
    }

    @Override
    public double value() {
      return (double) right / count;
    }

    @Override
    public Map<String, Double> state() {
      return Map.of("right", (double) right, "count", (double) count);
    }

    @Override
    public void restore(Map<String, Double> s) {
      right = (long) (double) s.getOrDefault("right", 0.0);
      count = (long) (double) s.getOrDefault("count", 0.0);
    }
  }

  final class AbsoluteError implements Metric {
    private double sum;
    private long count;

    @Override
    public String name() {
      return "mae";
    }

    @Override
    public void reset() {
      sum = 0;
      count = 0;
    }

    @Override
    public void update(TrainStep.Outcome s) {
      if (s.output() == null || s.target() == null) return;
      try (var off = Grad.disabled()) {
        float[] o = s.output().toArray(), t = s.target().toArray();
        if (o.length != t.length)
          throw new IllegalArgumentException(
              "mae: output has " + o.length + " elements, target " + t.length);
        for (int i = 0; i < o.length; i++) sum += Math.abs((double) o[i] - t[i]);
        count += o.length;
      }
    }

    @Override
    public double value() {
      return sum / count;
    }

    @Override
    public Map<String, Double> state() {
      return Map.of("sum", sum, "count", (double) count);
    }

    @Override
    public void restore(Map<String, Double> s) {
      sum = s.getOrDefault("sum", 0.0);
      count = (long) (double) s.getOrDefault("count", 0.0);
    }
  }
}
