package dev.dendrite.data;

/**
 * A time series cut by time into training, validation and test parts, as forecasting windows.
 *
 * <p>The cuts are at {@code trainEnd} and {@code valEnd}: training targets come from {@code [0,
 * trainEnd)}, validation targets from {@code [trainEnd, valEnd)}, test targets from {@code [valEnd,
 * n)}, so no target is ever seen by an earlier part; a later part's inputs may read the values
 * before its cut, which are known at forecast time. The standardisation {@code (x − mean) / std} is
 * fitted on {@code [0, trainEnd)} only and applied to every part. Training windows advance by
 * {@code stride}; validation and test windows by one, so every time step of those parts is scored.
 */
public record TimeSplit(
    Windows train,
    Windows val,
    Windows test,
    float mean,
    float std,
    int trainEnd,
    int valEnd,
    float[] standardized) {
  public static TimeSplit of(
      float[] series,
      int window,
      int horizon,
      int stride,
      double trainFraction,
      double valFraction) {
    if (!(trainFraction > 0 && valFraction >= 0 && trainFraction + valFraction < 1)) {
      throw new IllegalArgumentException(
          "TimeSplit: fractions must be > 0 and sum to less than 1, got "
              + trainFraction
              + " and "
              + valFraction);
    }
    int n = series.length;
    int trainEnd = (int) Math.round(trainFraction * n),
        valEnd = (int) Math.round((trainFraction + valFraction) * n);
    if (trainEnd < window + horizon) {
      throw new IllegalArgumentException(
          "TimeSplit: the training part ("
              + trainEnd
              + " steps) is shorter than window + horizon ("
              + (window + horizon)
              + ")");
    }
    if (n - valEnd < horizon)
      throw new IllegalArgumentException(
          "TimeSplit: the test part ("
              + (n - valEnd)
              + " steps) is shorter than the horizon "
              + horizon);
    double sum = 0;
    for (int i = 0; i < trainEnd; i++) sum += series[i];
    double mean = sum / trainEnd, sq = 0;
    for (int i = 0; i < trainEnd; i++) sq += (series[i] - mean) * (series[i] - mean);
    double std = Math.sqrt(sq / trainEnd);
    if (std == 0) std = 1; // a constant training part: centre only
    float[] z = new float[n];
    for (int i = 0; i < n; i++) z[i] = (float) ((series[i] - mean) / std);
    return new TimeSplit(
        Windows.of(z, window, horizon, stride, 0, trainEnd),
        Windows.of(z, window, horizon, 1, trainEnd, valEnd),
        Windows.of(z, window, horizon, 1, valEnd, n),
        (float) mean,
        (float) std,
        trainEnd,
        valEnd,
        z);
  }

  /** A standardised value back in the series' units. */
  public float unscale(float z) {
    return z * std + mean;
  }
}
