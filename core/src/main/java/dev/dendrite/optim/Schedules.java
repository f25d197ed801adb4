package dev.dendrite.optim;

/**
 * Learning-rate schedules as closed forms of the epoch (or step) count, PyTorch's formulas: call
 * {@code opt.setLr(schedule.lr(epoch))} at the start of each epoch. {@link ReduceLROnPlateau} is
 * the one that needs the validation metric.
 */
public final class Schedules {
  private Schedules() {}

  /** A learning rate per epoch. */
  @FunctionalInterface
  public interface Schedule {
    double lr(int epoch);

    /**
     * This schedule after {@code steps} epochs of linear warm-up from {@code startFactor}·lr(0).
     */
    default Schedule afterWarmup(int steps, double startFactor) {
      Schedule self = this;
      return e ->
          e < steps
              ? self.lr(0) * (startFactor + (1 - startFactor) * e / steps)
              : self.lr(e - steps);
    }
  }

  /** {@code base·gamma^⌊epoch/stepSize⌋} (StepLR). */
  public static Schedule step(double base, int stepSize, double gamma) {
    if (stepSize < 1) throw new IllegalArgumentException("step schedule: stepSize must be >= 1");
    return e -> base * Math.pow(gamma, e / stepSize);
  }

  /** {@code base·gamma^epoch} (ExponentialLR). */
  public static Schedule exponential(double base, double gamma) {
    return e -> base * Math.pow(gamma, e);
  }

  /**
   * {@code etaMin + (base − etaMin)·(1 + cos(π·epoch/tMax))/2} (CosineAnnealingLR's closed form).
   */
  public static Schedule cosine(double base, int tMax, double etaMin) {
    if (tMax < 1) throw new IllegalArgumentException("cosine schedule: tMax must be >= 1");
    return e -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
  }

  /** Constant {@code base}. */
  public static Schedule constant(double base) {
    return e -> base;
  }
}
