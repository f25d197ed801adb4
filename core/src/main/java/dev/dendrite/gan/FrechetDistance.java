package dev.dendrite.gan;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017's FID, here
 * on any features): d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr (Σ₁Σ₂)^{1/2}. The trace of the square
 * root is computed exactly through symmetric eigendecompositions: (Σ₁Σ₂)^{1/2} is similar to
 * (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}, which is symmetric positive semi-definite, so its trace is the sum
 * of the square roots of that matrix's eigenvalues. This is the value scipy's {@code sqrtm}-based
 * formula (pytorch-fid) computes, without its complex round-off.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /**
   * A Gaussian fitted to features: the mean and the unbiased covariance (NumPy's {@code np.cov(x,
   * rowvar=False)}).
   */
  public record Moments(double[] mean, double[][] cov, int count) {
    /** The moments of {@code rows} (n × d, n ≥ 2). */
    public static Moments of(float[] rows, int n, int d) {
      if (n < 2)
        throw new IllegalArgumentException("Fréchet distance: needs >= 2 samples, got " + n);
      if (rows.length != n * d)
        throw new IllegalArgumentException(
            "Fréchet distance: " + rows.length + " values are not " + n + " rows of " + d);
      double[] mean = new double[d];
      for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += rows[i * d + j];
      for (int j = 0; j < d; j++) mean[j] /= n;
      double[][] cov = new double[d][d];
      double[] c = new double[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) c[j] = rows[i * d + j] - mean[j];
        for (int a = 0; a < d; a++) {
          double ca = c[a];
          if (ca == 0) continue;
          double[] row = cov[a];
          for (int b = a; b < d; b++) row[b] += ca * c[b];
        }
      }
      for (int a = 0; a < d; a++)
        for (int b = a; b < d; b++) cov[b][a] = cov[a][b] = cov[a][b] / (n - 1);
      return new Moments(mean, cov, n);
    }
  }

  /** d² between the two feature sets' Gaussians. */
  public static double between(Moments a, Moments b) {
    int d = a.mean().length;
    if (b.mean().length != d)
      throw new IllegalArgumentException(
          "Fréchet distance: features of " + d + " and " + b.mean().length + " dimensions");
    double dm = 0;
    for (int i = 0; i < d; i++) dm += (a.mean()[i] - b.mean()[i]) * (a.mean()[i] - b.mean()[i]);
    double tr = 0;
    for (int i = 0; i < d; i++) tr += a.cov()[i][i] + b.cov()[i][i];
    double[][] s = SymmetricEigen.of(a.cov()).sqrt();
    double[][] inner = multiply(multiply(s, b.cov()), s);
    for (int i = 0; i < d; i++)
      for (int j = 0; j < i; j++) inner[i][j] = inner[j][i] = 0.5 * (inner[i][j] + inner[j][i]);
    double trSqrt = 0;
    for (double l : SymmetricEigen.of(inner).values()) trSqrt += Math.sqrt(Math.max(l, 0));
    return dm + tr - 2 * trSqrt;
  }

  static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length, k = y.length, m = y[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++)
      for (int p = 0; p < k; p++) {
        double xv = x[i][p];
        if (xv == 0) continue;
        double[] yr = y[p], or = out[i];
        for (int j = 0; j < m; j++) or[j] += xv * yr[j];
      }
    return out;
  }
}
