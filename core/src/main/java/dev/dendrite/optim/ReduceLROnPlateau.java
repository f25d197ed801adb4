package dev.dendrite.optim;

/**
 * Multiplies the learning rate by {@code factor} when a metric has not improved for {@code
 * patience} epochs, as PyTorch's ReduceLROnPlateau (relative threshold mode): an improvement means
 * {@code value < best·(1 − threshold)} (min) or {@code > best·(1 + threshold)} (max). After a
 * reduction, {@code cooldown} epochs pass before counting again; lr never goes below {@code minLr}.
 */
public final class ReduceLROnPlateau {
  private final Optimizer opt;
  private final boolean minimize;
  private final double factor, threshold, minLr;
  private final int patience, cooldown;
  private double best;
  private int bad, cooldownLeft;

  public ReduceLROnPlateau(
      Optimizer opt,
      boolean minimize,
      double factor,
      int patience,
      double threshold,
      int cooldown,
      double minLr) {
    if (!(factor > 0 && factor < 1))
      throw new IllegalArgumentException(
          "ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
    if (patience < 0 || cooldown < 0)
      throw new IllegalArgumentException("ReduceLROnPlateau: patience and cooldown must be >= 0");
    this.opt = opt;
    this.minimize = minimize;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.minLr = minLr;
    this.best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /**
   * PyTorch's defaults: min mode, factor 0.1, patience 10, threshold 1e-4, no cooldown, min lr 0.
   */
  public ReduceLROnPlateau(Optimizer opt) {
    this(opt, true, 0.1, 10, 1e-4, 0, 0);
  }

  /** Records the epoch's metric; returns true when the learning rate was reduced. */
  public boolean step(double metric) {
    boolean better = minimize ? metric < best * (1 - threshold) : metric > best * (1 + threshold);
    if (best == Double.POSITIVE_INFINITY || best == Double.NEGATIVE_INFINITY)
      better = !Double.isNaN(metric);
    if (better) {
      best = metric;
      bad = 0;
    } else {
      bad++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0;
    }
    if (bad > patience) {
      double next = Math.max(opt.lr() * factor, minLr);
      boolean changed = opt.lr() - next > 1e-8; // PyTorch's eps
      if (changed) opt.setLr(next);
      cooldownLeft = cooldown;
      bad = 0;
      return changed;
    }
    return false;
  }

  /** The counters a resumed run needs: best value, bad epochs, cooldown left. */
  public java.util.Map<String, Double> state() {
    return java.util.Map.of("best", best, "bad", (double) bad, "cooldown", (double) cooldownLeft);
  }

  /** Puts back what {@link #state} returned. */
  public void restore(java.util.Map<String, Double> s) {
    best = s.getOrDefault("best", best);
    bad = (int) (double) s.getOrDefault("bad", 0.0);
    cooldownLeft = (int) (double) s.getOrDefault("cooldown", 0.0);
  }
}
