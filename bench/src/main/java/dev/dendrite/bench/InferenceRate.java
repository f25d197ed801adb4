package dev.dendrite.bench;

/**
 * Inference throughput: passes over a data set in batches, repeated until at least {@code
 * minSeconds} and {@code minPasses} have gone by, and the median pass taken. One pass over the
 * 10,000 test images can take 50 ms, too short to time alone on a shared machine; {@code
 * bench/pytorch/measure.py} measures the peers the same way.
 */
final class InferenceRate {
  /** Runs the forward pass on rows [from, to). */
  @FunctionalInterface
  interface Batch {
    void run(int from, int to);
  }

  private InferenceRate() {}

  /** The default measurement: at least 3 passes and 1 second. */
  static double measure(int rows, int batch, Batch forward) {
    return measure(rows, batch, 1.0, 3, forward);
  }

  /**
   * Samples per second, the median over passes of {@code rows} rows in batches of {@code batch}.
   */
  static double measure(int rows, int batch, double minSeconds, int minPasses, Batch forward) {
    if (rows < 1 || batch < 1) throw new IllegalArgumentException("rows and batch must be >= 1");
    double[] rates = new double[16];
    int passes = 0;
    long begin = System.nanoTime();
    while (passes < minPasses || System.nanoTime() - begin < minSeconds * 1e9) {
      long t0 = System.nanoTime();
      for (int from = 0; from < rows; from += batch)
        forward.run(from, Math.min(rows, from + batch));
      long dt = Math.max(1, System.nanoTime() - t0);
      if (passes == rates.length) rates = java.util.Arrays.copyOf(rates, 2 * passes);
      rates[passes++] = rows * 1e9 / dt;
    }
    return BatchClock.median(java.util.Arrays.copyOf(rates, passes));
  }
}
