package dev.dendrite.train;

import dev.dendrite.data.DataLoader;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Smith's learning-rate range test (2015, "Cyclical Learning Rates"), as fastai's {@code lr_find}
 * runs it: one step per batch with the rate growing exponentially from {@code start} to {@code end}
 * over {@code steps} steps, the loss smoothed with an exponential moving average (β = 0.98,
 * bias-corrected), and the test stopped once the smoothed loss exceeds 4× the best seen.
 *
 * <p>Two suggestions, as fastai's: the rate of steepest descent (the most negative slope of the
 * smoothed loss against log(rate)), and a tenth of the rate at the minimum loss. {@link
 * Result#suggestion()} is the steepest one unless the curve is too short (fewer than 6 points) or
 * never falls, then the min/10 one. As fastai, both are read without the first tenth of the steps
 * (the average is still warming up) and the last 5 (the blow-up).; {@link Result#method()} says
 * which.
 *
 * <p>The model's weights and training mode are put back afterwards: the test trains a throwaway
 * optimizer, and leaves the model as it found it.
 */
public final class LrFinder {
  /** fastai's smoothing of the loss. */
  public static final double BETA = 0.98;

  /** The test stops when the smoothed loss exceeds this multiple of the best. */
  public static final double DIVERGE = 4;

  /**
   * The curve and its suggestions.
   *
   * @param lrs the rate of each step taken
   * @param losses each step's raw loss
   * @param smoothed each step's smoothed loss
   * @param steepest the rate of steepest descent of the smoothed loss (NaN when too short)
   * @param minOver10 the rate at the smoothed loss's minimum, divided by 10
   * @param suggestion the suggested rate: {@code steepest}, else {@code minOver10}
   * @param method {@code "steepest"} or {@code "min/10"}
   * @param stopped why the test ended ({@code "diverged"} or {@code "completed"})
   */
  public record Result(
      double[] lrs,
      double[] losses,
      double[] smoothed,
      double steepest,
      double minOver10,
      double suggestion,
      String method,
      String stopped) {}

  private LrFinder() {}

  /**
   * Runs the range test of {@code model} under {@code loss} on batches of {@code data} (passed over
   * as often as needed), with an optimizer {@code optimizer} makes from the model's parameters.
   */
  public static Result run(
      Module model,
      Loss loss,
      Function<List<? extends Tensor>, Optimizer> optimizer,
      DataLoader<DataLoader.Batch> data,
      double start,
      double end,
      int steps) {
    if (!(start > 0) || !(end > start))
      throw new IllegalArgumentException(
          "lr-find: need 0 < start < end, got start " + start + ", end " + end);
    if (steps < 2) throw new IllegalArgumentException("lr-find: steps must be >= 2, got " + steps);
    Map<String, Tensor> saved = new LinkedHashMap<>();
    for (var e : model.stateDict().entrySet())
      saved.put(e.getKey(), Tensor.of(e.getValue().toArray(), e.getValue().shape()));
    boolean wasTraining = model.isTraining();
    double[] lrs = new double[steps], raw = new double[steps], smooth = new double[steps];
    int n = 0;
    String stopped = "completed";
    try {
      model.train();
      Optimizer opt = optimizer.apply(model.parameters());
      Supervised step = new Supervised(model::forward, loss, opt);
      double avg = 0, best = Double.POSITIVE_INFINITY;
      outer:
      while (n < steps) {
        for (DataLoader.Batch b : data) {
          double lr = start * Math.pow(end / start, n / (double) (steps - 1));
          opt.setLr(lr);
          double l;
          try {
            l = step.run(b).loss();
          } catch (Trainer.Diverged d) {
            stopped = "diverged";
            break outer;
          }
          avg = BETA * avg + (1 - BETA) * l;
          double s = avg / (1 - Math.pow(BETA, n + 1));
          lrs[n] = lr;
          raw[n] = l;
          smooth[n] = s;
          n++;
          if (n > 1 && s > DIVERGE * best) {
            stopped = "diverged";
            break outer;
          }
          best = Math.min(best, s);
          if (n == steps) break outer;
        }
      }
    } finally {
      ModelArchive.loadWeights(model, saved, true, "lr-find");
      if (wasTraining) model.train();
      else model.eval();
    }
    lrs = Arrays.copyOf(lrs, n);
    raw = Arrays.copyOf(raw, n);
    smooth = Arrays.copyOf(smooth, n);
    // fastai judges the curve without its first tenth (the average is still warming up) and its
    // last 5 points (the blow-up)
    int from = Math.min(steps / 10, n), to = Math.max(from, n - 5);
    double[] l = Arrays.copyOfRange(lrs, from, to), s = Arrays.copyOfRange(smooth, from, to);
    double steep = steepest(l, s),
        minTenth = minOver10(l.length > 0 ? l : lrs, l.length > 0 ? s : smooth);
    boolean useSteep = !Double.isNaN(steep);
    return new Result(
        lrs,
        raw,
        smooth,
        steep,
        minTenth,
        useSteep ? steep : minTenth,
        useSteep ? "steepest" : "min/10",
        stopped);
  }

  /**
   * The rate where the smoothed loss falls fastest against log(rate), fastai's {@code steep}. NaN
   * for fewer than 6 points, or a curve that never falls.
   */
  static double steepest(double[] lrs, double[] smoothed) {
    int n = lrs.length;
    if (n < 6) return Double.NaN;
    int best = -1;
    double slope = Double.POSITIVE_INFINITY;
    for (int i = 0; i + 1 < n; i++) {
      double g = (smoothed[i + 1] - smoothed[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
      if (g < slope) {
        slope = g;
        best = i;
      }
    }
    return slope < 0 ? lrs[best] : Double.NaN;
  }

  /** A tenth of the rate at the smoothed loss's minimum (fastai's {@code minimum}). */
  static double minOver10(double[] lrs, double[] smoothed) {
    if (lrs.length == 0) return Double.NaN;
    int best = 0;
    for (int i = 1; i < lrs.length; i++) if (smoothed[i] < smoothed[best]) best = i;
    return lrs[best] / 10;
  }
}
