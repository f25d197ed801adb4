package dev.dendrite.explain.attribution;

import dev.dendrite.tensor.Rng;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * LIME for tabular data (Ribeiro, Singh and Guestrin, 2016), as the reference {@code lime}
 * package's {@code LimeTabularExplainer} does it with its defaults: continuous features discretized
 * into the training set's quartiles; samples drawn bin by bin with the training set's bin
 * frequencies, then values inside each bin from a normal distribution with the bin's mean and
 * standard deviation truncated to the bin; the interpretable feature is 1 where a sample falls into
 * the explained row's bin. Distances are Euclidean after dividing by the training set's standard
 * deviations, the kernel is √exp(−d²/width²) with width 0.75·√(features), and the surrogate is a
 * weighted ridge (alpha 1) on the K features {@link FeatureSelection} picks.
 *
 * <p>Without discretization (lime's {@code discretize_continuous=False}) samples are the training
 * mean plus Gaussian noise of the training standard deviation, and the surrogate is fitted on the
 * standardised samples, so its coefficient for feature i is the model's slope times σ_i.
 */
public final class LimeTabular {
  /**
   * @param discretize quartile discretization (lime's default) or not
   * @param samples perturbed samples, lime's default 5000
   * @param kernelWidth the kernel width; NaN for lime's 0.75·√(features)
   * @param seed the sampling seed
   */
  public record Options(boolean discretize, int samples, double kernelWidth, long seed) {
    public static Options defaults() {
      return new Options(true, 5000, Double.NaN, 0);
    }
  }

  private final float[][] train;
  private final String[] names;
  private final Options opt;
  private final int d;
  private final double[] mean, std;
  private final double[][] quartiles; // per feature: q25, q50, q75
  private final double[][] binMean, binStd, binMin, binMax, binFreq;

  /**
   * @param train the training rows, in the units the score function takes
   * @param names a name per feature, or null for x1, x2, ...
   */
  public LimeTabular(float[][] train, String[] names, Options opt) {
    if (train.length < 2)
      throw new IllegalArgumentException("LIME: needs at least 2 training rows");
    this.train = train;
    this.opt = opt;
    d = train[0].length;
    this.names =
        names != null
            ? names.clone()
            : IntStream.range(0, d).mapToObj(i -> "x" + (i + 1)).toArray(String[]::new);
    if (this.names.length != d)
      throw new IllegalArgumentException(
          "LIME: " + this.names.length + " feature names for " + d + " features");
    int n = train.length;
    mean = new double[d];
    std = new double[d];
    quartiles = new double[d][];
    binMean = new double[d][4];
    binStd = new double[d][4];
    binMin = new double[d][4];
    binMax = new double[d][4];
    binFreq = new double[d][4];
    for (int j = 0; j < d; j++) {
      double[] col = new double[n];
      for (int r = 0; r < n; r++) col[r] = train[r][j];
      double m = Arrays.stream(col).average().orElse(0), v = 0;
      for (double c : col) v += (c - m) * (c - m);
      mean[j] = m;
      double s = Math.sqrt(v / n);
      std[j] = s == 0 ? 1 : s; // scikit-learn's StandardScaler leaves a constant column as it is
      double[] sorted = col.clone();
      Arrays.sort(sorted);
      quartiles[j] =
          new double[] {percentile(sorted, 25), percentile(sorted, 50), percentile(sorted, 75)};
      for (int b = 0; b < 4; b++) {
        int bb = b, jj = j;
        double[] sel = Arrays.stream(col).filter(c -> bin(jj, c) == bb).toArray();
        double bm = sel.length == 0 ? 0 : Arrays.stream(sel).average().orElse(0), bv = 0;
        for (double c : sel) bv += (c - bm) * (c - bm);
        binMean[j][b] = bm;
        binStd[j][b] = (sel.length == 0 ? 0 : Math.sqrt(bv / sel.length)) + 1e-11;
        binMin[j][b] = b == 0 ? sorted[0] : quartiles[j][b - 1];
        binMax[j][b] = b == 3 ? sorted[n - 1] : quartiles[j][b];
        binFreq[j][b] = (double) sel.length / n;
      }
    }
  }

  /** numpy's default (linear) percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    double pos = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** lime's {@code np.searchsorted(quartiles, value)}: the number of quartiles below value. */
  int bin(int j, double v) {
    int b = 0;
    while (b < 3 && quartiles[j][b] < v) b++;
    return b;
  }

  /** lime's name of a feature's bin, e.g. "petal length <= 1.60" or "0.30 < x2 <= 1.30". */
  String binName(int j, int b) {
    String n = names[j];
    double[] q = quartiles[j];
    return switch (b) {
      case 0 -> String.format(Locale.ROOT, "%s <= %.2f", n, q[0]);
      case 3 -> String.format(Locale.ROOT, "%s > %.2f", n, q[2]);
      default -> String.format(Locale.ROOT, "%.2f < %s <= %.2f", q[b - 1], n, q[b]);
    };
  }

  /** Explains the score of {@code row} with a surrogate on {@code k} features. */
  public LimeExplanation explain(ScoreFunction f, float[] row, int k) {
    if (row.length != d)
      throw new IllegalArgumentException(
          "LIME: the row has " + row.length + " features, the training data " + d);
    if (k < 1) throw new IllegalArgumentException("LIME: the number of features must be >= 1");
    int n = opt.samples();
    Rng rng = new Rng(opt.seed());
    float[] inverse = new float[n * d];
    double[][] data = new double[n][d];
    int[] first = new int[d];
    for (int j = 0; j < d; j++) first[j] = bin(j, row[j]);
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < d; j++) {
        double v;
        if (s == 0) {
          v = row[j];
          data[s][j] = opt.discretize() ? 1 : v;
        } else if (opt.discretize()) {
          int b = sampleBin(j, rng);
          data[s][j] = b == first[j] ? 1 : 0;
          v = truncatedNormal(binMean[j][b], binStd[j][b], binMin[j][b], binMax[j][b], rng);
        } else {
          v = mean[j] + std[j] * rng.nextGaussian();
          data[s][j] = v;
        }
        inverse[s * d + j] = (float) v;
      }
    }
    // lime's scaled_data: (data − mean) / std with the training set's statistics, whatever data is
    double[][] scaled = new double[n][d];
    for (int s = 0; s < n; s++)
      for (int j = 0; j < d; j++) scaled[s][j] = (data[s][j] - mean[j]) / std[j];
    double width = Double.isNaN(opt.kernelWidth()) ? 0.75 * Math.sqrt(d) : opt.kernelWidth();
    double[] w = new double[n];
    for (int s = 0; s < n; s++) {
      double dist = 0;
      for (int j = 0; j < d; j++)
        dist += (scaled[s][j] - scaled[0][j]) * (scaled[s][j] - scaled[0][j]);
      w[s] = Math.sqrt(Math.exp(-dist / (width * width)));
    }
    float[] sc = f.evaluate(inverse, d);
    double[] y = new double[n];
    for (int s = 0; s < n; s++) y[s] = sc[s];
    LimeExplanation e = Surrogate.fit(scaled, y, w, k, y[0]);
    String[] desc = new String[e.features().length];
    for (int i = 0; i < desc.length; i++) {
      int j = e.features()[i];
      desc[i] = opt.discretize() ? binName(j, first[j]) : names[j];
    }
    return new LimeExplanation(
        e.features(), e.weights(), e.intercept(), e.score(), e.localPrediction(), y[0], desc);
  }

  private int sampleBin(int j, Rng rng) {
    double u = rng.nextDouble(), c = 0;
    for (int b = 0; b < 4; b++) {
      c += binFreq[j][b];
      if (u < c) return b;
    }
    return 3;
  }

  /** scipy's truncnorm by rejection; a degenerate bin gives its mean. */
  private static double truncatedNormal(double m, double s, double lo, double hi, Rng rng) {
    if (!(hi > lo)) return Math.min(hi, Math.max(lo, m));
    for (int t = 0; t < 100; t++) {
      double v = m + s * rng.nextGaussian();
      if (v >= lo && v <= hi) return v;
    }
    return lo + (hi - lo) * rng.nextDouble();
  }

  /** Sorts selected features by |weight|, largest first. */
  static int[] byMagnitude(double[] weights) {
    return IntStream.range(0, weights.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(weights[i])))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
