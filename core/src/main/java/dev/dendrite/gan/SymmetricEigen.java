package dev.dendrite.gan;

/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method, in double precision: A
 * = V·diag(λ)·Vᵀ with V orthogonal. Each rotation zeroes one off-diagonal pair; sweeps repeat until
 * the off-diagonal mass is below 1e-15 of the total (Jacobi converges quadratically, and its small
 * eigenvalues are accurate to their own size, which a square root of a nearly singular covariance
 * needs).
 *
 * @param values the eigenvalues, in no particular order
 * @param vectors V, row-major n × n: column j is the eigenvector of {@code values[j]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** Decomposes {@code a} (n × n, symmetric; only read, never changed). */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n)
        throw new IllegalArgumentException(
            "eigen: row " + i + " has " + a[i].length + " entries, the matrix is " + n + " × n");
      m[i] = a[i].clone();
    }
    for (int i = 0; i < n; i++)
      for (int j = 0; j < i; j++) {
        double d = Math.abs(m[i][j] - m[j][i]), s = Math.abs(m[i][j]) + Math.abs(m[j][i]);
        if (d > 1e-9 * s + 1e-300)
          throw new IllegalArgumentException(
              "eigen: the matrix is not symmetric at (" + i + ", " + j + ")");
        m[i][j] = m[j][i] = 0.5 * (m[i][j] + m[j][i]);
      }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) v[i][i] = 1;
    double total = 0;
    for (double[] r : m) for (double x : r) total += x * x;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
      if (off <= 1e-30 * total || off == 0) break;
      for (int p = 0; p < n; p++)
        for (int q = p + 1; q < n; q++) {
          double apq = m[p][q];
          if (apq == 0) continue;
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1), s = t * c;
          rotate(m, v, n, p, q, c, s);
        }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = m[i][i];
    return new SymmetricEigen(values, v);
  }

  /** m ← Jᵀ·m·J and v ← v·J for the rotation J in the (p, q) plane. */
  private static void rotate(double[][] m, double[][] v, int n, int p, int q, double c, double s) {
    for (int k = 0; k < n; k++) {
      double mkp = m[k][p], mkq = m[k][q];
      m[k][p] = c * mkp - s * mkq;
      m[k][q] = s * mkp + c * mkq;
    }
    double[] rp = m[p], rq = m[q];
    for (int k = 0; k < n; k++) {
      double mpk = rp[k], mqk = rq[k];
      rp[k] = c * mpk - s * mqk;
      rq[k] = s * mpk + c * mqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p], vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  /**
   * The symmetric positive semi-definite square root V·diag(√max(λ, 0))·Vᵀ; eigenvalues below 0
   * (rounding of a semi-definite matrix) count as 0.
   */
  public double[][] sqrt() {
    int n = values.length;
    double[][] out = new double[n][n];
    for (int k = 0; k < n; k++) {
      double r = Math.sqrt(Math.max(values[k], 0));
      if (r == 0) continue;
      for (int i = 0; i < n; i++) {
        double vi = vectors[i][k] * r;
        if (vi == 0) continue;
        for (int j = 0; j < n; j++) out[i][j] += vi * vectors[j][k];
      }
    }
    return out;
  }
}
