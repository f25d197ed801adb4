package dev.dendrite.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a run's learning curves (per-epoch {@code loss}, {@code accuracy}, {@code val_loss}, {@code
 * val_accuracy}) and says whether it looks like overfitting, underfitting or neither, with the
 * figures it used and the remedies that fit.
 *
 * <p>The rules, in this order (thresholds are the fields of {@link Thresholds}):
 *
 * <ol>
 *   <li><b>Overfitting</b> when the generalisation gap (train − validation accuracy at the last
 *       epoch) is at least {@code gap} and the validation loss has risen at least {@code rise}
 *       (relative) above its minimum, or when the gap alone is at least {@code largeGap}. Without
 *       accuracies the gap is the relative loss gap (val_loss / loss − 1).
 *   <li><b>Underfitting</b> when the training accuracy has not reached {@code skill} of the way
 *       from chance (1 / classes) to a perfect 1.0: the model does not even fit the data it sees.
 *   <li>Otherwise <b>neither</b>. When the training loss still falls faster than {@code slope} per
 *       epoch (relative, over the last {@code window} epochs), the note says a longer run may help.
 * </ol>
 *
 * A run with no validation figures can only be judged for underfitting; one epoch is too few for a
 * trend. Both say so rather than guess.
 */
public final class Diagnosis {
  /** Overfitting, underfitting, neither, or too little to tell. */
  public enum Verdict {
    OVERFITTING,
    UNDERFITTING,
    NEITHER,
    UNKNOWN;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The decision thresholds.
   *
   * @param gap train − validation accuracy that, with a rising validation loss, is overfitting
   * @param largeGap a gap that is overfitting on its own
   * @param rise the validation loss's rise above its minimum, relative, that counts as rising
   * @param skill the fraction of the way from chance to 100% training accuracy below which the run
   *     underfits
   * @param slope a relative fall of the training loss per epoch above which it is still improving
   * @param window the last epochs over which trends are measured
   */
  public record Thresholds(
      double gap, double largeGap, double rise, double skill, double slope, int window) {
    public static final Thresholds DEFAULT = new Thresholds(0.05, 0.10, 0.05, 0.80, 0.02, 5);
  }

  /**
   * The figures a verdict rests on (NaN when the run did not report them).
   *
   * @param epochs epochs in the history
   * @param trainAccuracy last epoch's training accuracy
   * @param valAccuracy last epoch's validation accuracy
   * @param trainLoss last epoch's training loss
   * @param valLoss last epoch's validation loss
   * @param bestValLoss the lowest validation loss, reached at {@code bestEpoch}
   * @param valLossSlope least-squares slope of the validation loss over the last window, relative
   *     to its mean, per epoch
   * @param trainLossSlope the same for the training loss
   * @param chance the accuracy of guessing (1 / classes)
   */
  public record Figures(
      int epochs,
      double trainAccuracy,
      double valAccuracy,
      double trainLoss,
      double valLoss,
      double bestValLoss,
      int bestEpoch,
      double valLossSlope,
      double trainLossSlope,
      double chance) {
    /** Train − validation accuracy. */
    public double accuracyGap() {
      return trainAccuracy - valAccuracy;
    }

    /** The validation loss's relative rise above its minimum. */
    public double valLossRise() {
      return valLoss / bestValLoss - 1;
    }

    /** How far training accuracy went from chance to 1: 0 at chance, 1 at 100%. */
    public double skill() {
      return (trainAccuracy - chance) / (1 - chance);
    }
  }

  private final Verdict verdict;
  private final Figures figures;
  private final List<String> reasons, remedies;

  private Diagnosis(Verdict v, Figures f, List<String> reasons, List<String> remedies) {
    this.verdict = v;
    this.figures = f;
    this.reasons = List.copyOf(reasons);
    this.remedies = List.copyOf(remedies);
  }

  /** {@link #of(List, int, Thresholds)} with the default thresholds. */
  public static Diagnosis of(List<Map<String, Double>> history, int classes) {
    return of(history, classes, Thresholds.DEFAULT);
  }

  /**
   * Diagnoses a run from its per-epoch metrics, oldest first ({@link History#epochs()}); {@code
   * classes} sets the chance accuracy (0 or 1: no accuracy reference).
   */
  public static Diagnosis of(List<Map<String, Double>> history, int classes, Thresholds t) {
    int n = history.size();
    List<String> why = new ArrayList<>(), fix = new ArrayList<>();
    if (n == 0) {
      why.add("no epochs: nothing to judge");
      return new Diagnosis(Verdict.UNKNOWN, null, why, fix);
    }
    double[] loss = series(history, "loss"), vloss = series(history, "val_loss");
    Map<String, Double> last = history.get(n - 1);
    double bestVal = Double.NaN;
    int bestEpoch = 0;
    for (int i = 0; i < n; i++)
      if (!Double.isNaN(vloss[i]) && !(vloss[i] >= bestVal)) {
        bestVal = vloss[i];
        bestEpoch = i + 1;
      }
    int w = Math.min(t.window(), n);
    Figures f =
        new Figures(
            n,
            get(last, "accuracy"),
            get(last, "val_accuracy"),
            get(last, "loss"),
            get(last, "val_loss"),
            bestVal,
            bestEpoch,
            relativeSlope(vloss, w),
            relativeSlope(loss, w),
            classes > 1 ? 1.0 / classes : Double.NaN);
    boolean hasAcc = !Double.isNaN(f.trainAccuracy()) && !Double.isNaN(f.valAccuracy());
    boolean hasVal = !Double.isNaN(f.valLoss()) || !Double.isNaN(f.valAccuracy());
    double gap = hasAcc ? f.accuracyGap() : f.valLoss() / f.trainLoss() - 1;
    String gapName = hasAcc ? "accuracy gap (train − val)" : "relative loss gap (val / train − 1)";
    boolean rising = f.valLossRise() >= t.rise() && bestEpoch < n;
    if (hasVal && !Double.isNaN(gap) && (gap >= t.largeGap() || (gap >= t.gap() && rising))) {
      why.add(
          String.format(Locale.ROOT, "%s %s ≥ %s", gapName, pct(gap, hasAcc), thr(gap, t, hasAcc)));
      if (rising)
        why.add(
            String.format(
                Locale.ROOT,
                "val loss rose %.1f%% above its minimum %.4f (epoch %d)",
                100 * f.valLossRise(),
                bestVal,
                bestEpoch));
      fix.add("dropout (a Dropout layer after the hidden activations)");
      fix.add("an L2 penalty (--weight-decay) or an L1 penalty on the weights");
      fix.add("data augmentation (--augment, image data)");
      fix.add("early stopping on the validation loss (--early-stopping N)");
      fix.add("more training data, or a smaller model");
      return new Diagnosis(Verdict.OVERFITTING, f, why, fix);
    }
    if (!Double.isNaN(f.trainAccuracy()) && !Double.isNaN(f.chance()) && f.skill() < t.skill()) {
      why.add(
          String.format(
              Locale.ROOT,
              "train accuracy %.1f%% is only %.0f%% of the way from chance (%.1f%%) to 100%%"
                  + " (< %.0f%%)",
              100 * f.trainAccuracy(),
              100 * f.skill(),
              100 * f.chance(),
              100 * t.skill()));
      fix.add("more capacity (wider or more layers)");
      if (f.trainLossSlope() <= -t.slope())
        fix.add(
            String.format(
                Locale.ROOT,
                "a longer run (train loss still falls %.1f%%/epoch)",
                -100 * f.trainLossSlope()));
      else fix.add("a longer run (more --epochs)");
      fix.add("a larger learning rate (find one with lr-find)");
      fix.add("less regularisation (dropout, weight decay), if any");
      return new Diagnosis(Verdict.UNDERFITTING, f, why, fix);
    }
    if (!hasVal) {
      why.add("no validation curve: overfitting cannot be judged (use --val-split > 0)");
      return new Diagnosis(
          Double.isNaN(f.trainAccuracy()) ? Verdict.UNKNOWN : Verdict.NEITHER, f, why, fix);
    }
    if (!Double.isNaN(gap))
      why.add(
          String.format(Locale.ROOT, "%s %s < %s", gapName, pct(gap, hasAcc), thr(gap, t, hasAcc)));
    if (!Double.isNaN(f.trainAccuracy()) && !Double.isNaN(f.chance()))
      why.add(
          String.format(
              Locale.ROOT,
              "train accuracy %.1f%% is %.0f%% of the way from chance to 100%%",
              100 * f.trainAccuracy(),
              100 * f.skill()));
    if (n > 1 && f.trainLossSlope() <= -t.slope())
      fix.add(
          String.format(
              Locale.ROOT,
              "a longer run may still help: train loss falls %.1f%%/epoch over the last %d",
              -100 * f.trainLossSlope(),
              w));
    return new Diagnosis(Verdict.NEITHER, f, why, fix);
  }

  private static String thr(double gap, Thresholds t, boolean points) {
    return pct(gap >= t.largeGap() ? t.largeGap() : t.gap(), points);
  }

  private static String pct(double v, boolean points) {
    return String.format(Locale.ROOT, points ? "%.1f points" : "%.1f%%", 100 * v);
  }

  public Verdict verdict() {
    return verdict;
  }

  /** The figures used; null for an empty history. */
  public Figures figures() {
    return figures;
  }

  /** Why the verdict, one figure a line. */
  public List<String> reasons() {
    return reasons;
  }

  /** The remedies that fit the verdict (empty for neither, unless a longer run may help). */
  public List<String> remedies() {
    return remedies;
  }

  /** A few lines for a terminal: the verdict, the figures, the remedies. */
  public String report() {
    StringBuilder s = new StringBuilder("diagnosis: " + verdict + "\n");
    if (figures != null) {
      Figures f = figures;
      s.append(
          String.format(
              Locale.ROOT,
              "  last of %d epochs: train loss %.4f, val loss %.4f (best %.4f at epoch %d),"
                  + " train acc %s, val acc %s%n",
              f.epochs(),
              f.trainLoss(),
              f.valLoss(),
              f.bestValLoss(),
              f.bestEpoch(),
              accText(f.trainAccuracy()),
              accText(f.valAccuracy())));
      s.append(
          String.format(
              Locale.ROOT,
              "  trend over the last %d epochs: val loss %+.1f%%/epoch, train loss %+.1f%%/epoch%n",
              Math.min(f.epochs(), Thresholds.DEFAULT.window()),
              100 * f.valLossSlope(),
              100 * f.trainLossSlope()));
    }
    for (String r : reasons) s.append("  ").append(r).append('\n');
    if (!remedies.isEmpty())
      s.append("  remedies: ").append(String.join("; ", remedies)).append('\n');
    return s.toString().replace("NaN", "n/a");
  }

  private static String accText(double a) {
    return Double.isNaN(a) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * a);
  }

  private static double get(Map<String, Double> m, String k) {
    Double v = m.get(k);
    return v == null ? Double.NaN : v;
  }

  private static double[] series(List<Map<String, Double>> h, String key) {
    double[] s = new double[h.size()];
    for (int i = 0; i < s.length; i++) s[i] = get(h.get(i), key);
    return s;
  }

  /**
   * The least-squares slope of the last {@code w} values per step, divided by their mean (NaN when
   * fewer than 2 or any is missing).
   */
  static double relativeSlope(double[] y, int w) {
    int n = y.length;
    if (w < 2 || n < w) return Double.NaN;
    double mx = (w - 1) / 2.0, my = 0;
    for (int i = n - w; i < n; i++) my += y[i];
    my /= w;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < w; i++) {
      sxy += (i - mx) * (y[n - w + i] - my);
      sxx += (i - mx) * (i - mx);
    }
    return sxy / sxx / Math.abs(my);
  }
}
