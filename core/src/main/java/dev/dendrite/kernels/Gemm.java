package dev.dendrite.kernels;

/** Placeholder until the packed kernel lands: straightforward and correct. */
public final class Gemm {
  private Gemm() {}

  public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    Parallel.forRange(m, 8, (from, to) -> {
      float[] row = new float[n];
      for (int i = from; i < to; i++) {
        java.util.Arrays.fill(row, 0f);
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          if (transB) {
            for (int j = 0; j < n; j++) row[j] += av * b[bOff + j * ldb + p];
          } else {
            Elementwise.axpy(row, 0, av, b, bOff + p * ldb, n);
          }
        }
        for (int j = 0; j < n; j++) {
          int ci = cOff + i * ldc + j;
          c[ci] = beta == 0 ? alpha * row[j] : alpha * row[j] + beta * c[ci];
        }
      }
    });
  }
}
