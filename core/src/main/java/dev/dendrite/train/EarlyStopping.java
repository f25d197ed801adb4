package dev.dendrite.train;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for {@code
 * patience} epochs (Keras' EarlyStopping). With {@code restoreBest} the trainer puts back the
 * weights of the best epoch.
 *
 * @param monitor a metric of {@link TrainEvent.EpochEnded}, e.g. {@code val_loss}
 * @param minimize true when lower is better (losses), false for accuracies
 * @param patience epochs without improvement before stopping (≥ 1)
 * @param minDelta the least change that counts as an improvement (≥ 0)
 * @param restoreBest put back the best epoch's weights at the end
 */
public record EarlyStopping(
    String monitor, boolean minimize, int patience, double minDelta, boolean restoreBest) {
  public EarlyStopping {
    if (monitor == null || monitor.isBlank())
      throw new IllegalArgumentException("early stopping: monitor a metric, e.g. val_loss");
    if (patience < 1)
      throw new IllegalArgumentException("early stopping: patience must be >= 1, got " + patience);
    if (!(minDelta >= 0))
      throw new IllegalArgumentException("early stopping: minDelta must be >= 0, got " + minDelta);
  }

  /** {@code val_loss}, lower is better, patience 5, minDelta 0, restoring the best weights. */
  public static EarlyStopping onValidationLoss(int patience) {
    return new EarlyStopping("val_loss", true, patience, 0, true);
  }

  /**
   * Never stops, and ends the run with the weights of the epoch where {@code monitor} was best (the
   * first such epoch): a short run whose last epoch need not be its best.
   */
  public static EarlyStopping keepBest(String monitor, boolean minimize) {
    return new EarlyStopping(monitor, minimize, Integer.MAX_VALUE, 0, true);
  }

  public EarlyStopping withMinDelta(double d) {
    return new EarlyStopping(monitor, minimize, patience, d, restoreBest);
  }

  public EarlyStopping withRestoreBest(boolean r) {
    return new EarlyStopping(monitor, minimize, patience, minDelta, r);
  }

  /** True when {@code value} beats {@code best} by more than minDelta. */
  boolean improves(double value, double best) {
    if (Double.isNaN(best)) return !Double.isNaN(value);
    return minimize ? value < best - minDelta : value > best + minDelta;
  }
}
