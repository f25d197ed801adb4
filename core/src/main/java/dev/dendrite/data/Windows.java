package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/**
 * Sliding windows over a time series, for forecasting: each example is {@code window} consecutive
 * values and its target the {@code horizon} values that follow.
 *
 * <p>Shapes: inputs (N, window, 1) — batch-first sequences of one feature — and targets (N,
 * horizon). Example i reads times {@code start[i] − window .. start[i] − 1} and predicts {@code
 * start[i] .. start[i] + horizon − 1}.
 *
 * @param start the time index of each example's first target value
 */
public record Windows(Tensor inputs, Tensor targets, int[] start, int window, int horizon) {
  public int size() {
    return start.length;
  }

  /**
   * The windows whose targets lie wholly in {@code [from, to)} and whose inputs lie in {@code [0,
   * to)}; the first target starts at {@code max(from, window)}, the next ones {@code stride} later.
   * Inputs may reach back before {@code from}: that is the known past, not leakage, as long as
   * {@code from} is where the part being predicted begins.
   */
  public static Windows of(float[] series, int window, int horizon, int stride, int from, int to) {
    if (window < 1 || horizon < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "Windows: window, horizon and stride must be >= 1, got "
              + window
              + ", "
              + horizon
              + ", "
              + stride);
    }
    if (from < 0 || to > series.length || from > to) {
      throw new IllegalArgumentException(
          "Windows: range ["
              + from
              + ", "
              + to
              + ") outside the series of length "
              + series.length);
    }
    int first = Math.max(from, window);
    int n = first + horizon > to ? 0 : (to - horizon - first) / stride + 1;
    float[] x = new float[n * window], y = new float[n * horizon];
    int[] start = new int[n];
    for (int i = 0; i < n; i++) {
      int t = first + i * stride;
      start[i] = t;
      System.arraycopy(series, t - window, x, i * window, window);
      System.arraycopy(series, t, y, i * horizon, horizon);
    }
    return new Windows(
        Tensor.of(x, n, window, 1), Tensor.of(y, n, horizon), start, window, horizon);
  }
}
