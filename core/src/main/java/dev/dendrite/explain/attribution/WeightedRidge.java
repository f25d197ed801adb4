package dev.dendrite.explain.attribution;

/**
 * Ridge regression with sample weights and an unpenalised intercept, as scikit-learn's {@code
 * Ridge(alpha, fit_intercept=True).fit(X, y, sample_weight)}: centre X and y by their weighted
 * means, solve (XᵀWX + αI)β = XᵀWy, intercept ȳ − x̄ᵀβ. {@link #score} is the weighted R² of {@code
 * Ridge.score}. The surrogates here have a few dozen columns at most, so a dense solve in double
 * precision is all it needs.
 *
 * @param coef one coefficient per column
 * @param intercept the intercept
 */
public record WeightedRidge(double[] coef, double intercept) {
  /** Fits the columns {@code cols} of {@code x} (rows are samples). */
  public static WeightedRidge fit(double[][] x, int[] cols, double[] y, double[] w, double alpha) {
    int n = x.length, k = cols.length;
    double wsum = 0, ym = 0;
    double[] xm = new double[k];
    for (int r = 0; r < n; r++) {
      wsum += w[r];
      ym += w[r] * y[r];
      for (int j = 0; j < k; j++) xm[j] += w[r] * x[r][cols[j]];
    }
    ym /= wsum;
    for (int j = 0; j < k; j++) xm[j] /= wsum;
    double[][] a = new double[k][k + 1];
    for (int r = 0; r < n; r++) {
      double yc = y[r] - ym;
      for (int i = 0; i < k; i++) {
        double xi = (x[r][cols[i]] - xm[i]) * w[r];
        for (int j = i; j < k; j++) a[i][j] += xi * (x[r][cols[j]] - xm[j]);
        a[i][k] += xi * yc;
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) a[i][j] = a[j][i];
      // A column constant over the samples gives a zero row; scikit-learn's solvers return 0 for
      // it, and so does this tiny ridge when alpha is 0.
      a[i][i] += alpha > 0 ? alpha : 1e-10 * (1 + a[i][i]);
    }
    double[] beta = solve(a, k);
    double b = ym;
    for (int j = 0; j < k; j++) b -= xm[j] * beta[j];
    return new WeightedRidge(beta, b);
  }

  /** The prediction for row {@code r} of {@code x}, whose columns {@code cols} were fitted. */
  public double predict(double[] row, int[] cols) {
    double p = intercept;
    for (int j = 0; j < cols.length; j++) p += coef[j] * row[cols[j]];
    return p;
  }

  /** Weighted R², 1 − Σw(y − ŷ)² / Σw(y − ȳ)². */
  public double score(double[][] x, int[] cols, double[] y, double[] w) {
    double wsum = 0, ym = 0;
    for (int r = 0; r < x.length; r++) {
      wsum += w[r];
      ym += w[r] * y[r];
    }
    ym /= wsum;
    double res = 0, tot = 0;
    for (int r = 0; r < x.length; r++) {
      double e = y[r] - predict(x[r], cols), t = y[r] - ym;
      res += w[r] * e * e;
      tot += w[r] * t * t;
    }
    return tot == 0 ? (res == 0 ? 1 : 0) : 1 - res / tot;
  }

  /** Gaussian elimination with partial pivoting on the augmented k × (k + 1) matrix. */
  private static double[] solve(double[][] a, int k) {
    for (int c = 0; c < k; c++) {
      int p = c;
      for (int r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      if (a[c][c] == 0) continue;
      for (int r = c + 1; r < k; r++) {
        double m = a[r][c] / a[c][c];
        if (m != 0) for (int j = c; j <= k; j++) a[r][j] -= m * a[c][j];
      }
    }
    double[] x = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double s = a[r][k];
      for (int j = r + 1; j < k; j++) s -= a[r][j] * x[j];
      x[r] = a[r][r] == 0 ? 0 : s / a[r][r];
    }
    return x;
  }
}
