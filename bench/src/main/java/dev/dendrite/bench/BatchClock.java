package dev.dendrite.bench;

import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import java.util.Arrays;

/**
 * The two training rates of a run. The whole run, start to end, is what a user waits for; the
 * steady state is the median rate over fixed windows of batches, leaving out the first window, so
 * that JIT warm-up, first-touch page faults and a neighbour's burst do not decide it. Listens to a
 * {@code Trainer} and records when each batch ended; {@code bench/pytorch/measure.py} computes the
 * peers' figure the same way.
 */
final class BatchClock implements TrainListener {
  private long[] ends = new long[1024];
  private int[] sizes = new int[1024];
  private int count;
  private long firstStepUptimeMs = -1;

  @Override
  public void on(TrainEvent event) {
    if (event instanceof TrainEvent.BatchEnded b) batchEnded(b.batchSize());
  }

  /** Records one batch of {@code size} samples ending now. */
  void batchEnded(int size) {
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, 2 * count);
      sizes = Arrays.copyOf(sizes, 2 * count);
    }
    if (count == 0)
      firstStepUptimeMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    ends[count] = System.nanoTime();
    sizes[count++] = size;
  }

  /**
   * Seconds from the JVM's start to the end of the first batch: start-up, data loading and the
   * first step's compilation, what the AOT cache shortens; NaN before any batch.
   */
  double firstStepSeconds() {
    return firstStepUptimeMs < 0 ? Double.NaN : firstStepUptimeMs / 1000.0;
  }

  /** Median samples per second over full windows of {@code window} batches after the first. */
  double steadyRate(int window) {
    return steadyRate(Arrays.copyOf(ends, count), Arrays.copyOf(sizes, count), window);
  }

  /**
   * Samples per second, the median over windows of {@code window} consecutive batches, leaving out
   * the first window and a last window that is not full; NaN when no window is left.
   *
   * @param ends when each batch ended, in nanoseconds, ascending
   * @param sizes samples in each batch
   */
  static double steadyRate(long[] ends, int[] sizes, int window) {
    if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
    if (ends.length != sizes.length)
      throw new IllegalArgumentException(ends.length + " batch ends, " + sizes.length + " sizes");
    int windows = ends.length / window;
    if (windows < 2) return Double.NaN;
    double[] rates = new double[windows - 1];
    for (int w = 1; w < windows; w++) {
      long samples = 0;
      for (int i = w * window; i < (w + 1) * window; i++) samples += sizes[i];
      long nanos = ends[(w + 1) * window - 1] - ends[w * window - 1];
      rates[w - 1] = nanos > 0 ? samples * 1e9 / nanos : Double.POSITIVE_INFINITY;
    }
    return median(rates);
  }

  /** The median; the mean of the two middle values for an even count; NaN for none. */
  static double median(double[] values) {
    if (values.length == 0) return Double.NaN;
    double[] v = values.clone();
    Arrays.sort(v);
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
  }
}
