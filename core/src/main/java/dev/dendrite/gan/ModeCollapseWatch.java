package dev.dendrite.gan;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Metric;
import dev.dendrite.train.TrainStep;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches for mode collapse: at the end of each epoch a classifier labels {@code samples} samples
 * of the generator (the same noise every epoch), and the entropy of the class histogram, in bits,
 * is reported as the metric {@code sample_entropy} (log₂ 10 ≈ 3.32 for ten equally frequent
 * classes, 0 when all samples look alike). Below {@code threshold}, {@code warn} hears one line
 * with the histogram.
 */
public final class ModeCollapseWatch implements Metric {
  private final Gan gan;
  private final Function<Tensor, int[]> classifier;
  private final int samples, classes;
  private final double threshold;
  private final long seed;
  private final Consumer<String> warn;
  private int[] lastCounts;

  /**
   * @param classifier labels images (N, 784) in [0, 1] with classes 0..classes−1
   */
  public ModeCollapseWatch(
      Gan gan,
      Function<Tensor, int[]> classifier,
      int classes,
      int samples,
      double threshold,
      long seed,
      Consumer<String> warn) {
    if (samples < 1 || classes < 2)
      throw new IllegalArgumentException("mode-collapse watch: needs >= 1 sample, >= 2 classes");
    this.gan = gan;
    this.classifier = classifier;
    this.classes = classes;
    this.samples = samples;
    this.threshold = threshold;
    this.seed = seed;
    this.warn = warn;
  }

  @Override
  public String name() {
    return "sample_entropy";
  }

  @Override
  public void reset() {}

  @Override
  public void update(TrainStep.Outcome step) {}

  @Override
  public double value() {
    Tensor x = ReferenceClassifier.fromGenerator(FidF.sample(gan, samples, seed));
    int[] counts = new int[classes];
    for (int c : classifier.apply(x)) counts[c]++;
    lastCounts = counts;
    double h = entropy(counts);
    if (h < threshold)
      warn.accept(
          String.format(
              Locale.ROOT,
              "warning: possible mode collapse: the classes of %d samples have entropy %.2f bits"
                  + " (threshold %.2f, uniform %.2f); counts per class %s",
              samples,
              h,
              threshold,
              Math.log(classes) / Math.log(2),
              Arrays.toString(counts)));
    return h;
  }

  /** The class counts of the last check, or null before the first. */
  public int[] lastCounts() {
    return lastCounts == null ? null : lastCounts.clone();
  }

  /** The entropy in bits of the histogram {@code counts}. */
  public static double entropy(int[] counts) {
    long n = 0;
    for (int c : counts) n += c;
    double h = 0;
    for (int c : counts) if (c > 0) h -= (double) c / n * (Math.log((double) c / n) / Math.log(2));
    return h;
  }
}
