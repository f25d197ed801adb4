package dev.dendrite.rl.wrapper;

/**
 * A running mean and (population) variance per coordinate, merged batch by batch with Chan et al.'s
 * parallel formula, as Gymnasium's {@code RunningMeanStd}: it starts at mean 0, variance 1, count
 * 1e-4.
 */
public final class RunningMeanStd {
  private final double[] mean;
  private final double[] var;
  private double count = 1e-4;

  public RunningMeanStd(int size) {
    mean = new double[size];
    var = new double[size];
    java.util.Arrays.fill(var, 1.0);
  }

  /** Merges one observation (a batch of one: its variance is 0). */
  public void update(double[] x) {
    update(new double[][] {x});
  }

  /** Merges a batch of observations. */
  public void update(double[][] batch) {
    int n = batch.length;
    if (n == 0) return;
    double tot = count + n;
    for (int i = 0; i < mean.length; i++) {
      double bm = 0;
      for (double[] x : batch) bm += x[i];
      bm /= n;
      double bv = 0;
      for (double[] x : batch) bv += (x[i] - bm) * (x[i] - bm);
      bv /= n;
      double delta = bm - mean[i];
      double m2 = var[i] * count + bv * n + delta * delta * count * n / tot;
      mean[i] = mean[i] + delta * n / tot;
      var[i] = m2 / tot;
    }
    count = tot;
  }

  /** The mean of each coordinate (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** The variance of each coordinate (a copy). */
  public double[] var() {
    return var.clone();
  }

  /** The number of observations merged, plus the initial 1e-4. */
  public double count() {
    return count;
  }
}
