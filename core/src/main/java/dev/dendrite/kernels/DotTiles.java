package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha·A·Bᵀ + beta·C} for few rows of A, without packing: every C element is a dot
 * product of two contiguous rows (A is m×k, B is n×k, both row-major), so a 4×4 block of C reads 4
 * rows of each and keeps 16 vector accumulators. This is a Linear layer's forward pass, {@code x·Wᵀ},
 * where packing W's transpose would cost as much as the product itself.
 */
final class DotTiles {
  private static final VectorSpecies<Float> S = GemmJava.S;
  private static final int L = GemmJava.L;

  private DotTiles() {}

  static void run(int m, int n, int k, float alpha, float[] a, int ao, int lda, float[] b, int bo, int ldb,
      float beta, float[] c, int co, int ldc) {
    int rowBlocks = (m + 3) / 4, colBlocks = (n + 3) / 4;
    // Tasks are 4 rows × up to 64 columns of C.
    int colGroup = 16;
    int groups = (colBlocks + colGroup - 1) / colGroup;
    int tasks = rowBlocks * groups;
    java.util.function.IntConsumer body = t -> {
      int rb = t / groups, g = t % groups;
      int i = rb * 4, mr = Math.min(4, m - i);
      for (int cb = g * colGroup; cb < Math.min(colBlocks, (g + 1) * colGroup); cb++) {
        int j = cb * 4, nr = Math.min(4, n - j);
        if (mr == 4 && nr == 4) block4x4(k, alpha, a, ao + i * lda, lda, b, bo + j * ldb, ldb, beta, c, co + i * ldc + j, ldc);
        else small(mr, nr, k, alpha, a, ao + i * lda, lda, b, bo + j * ldb, ldb, beta, c, co + i * ldc + j, ldc);
      }
    };
    if ((long) m * n * k < GemmJava.SERIAL_WORK || tasks == 1) {
      for (int t = 0; t < tasks; t++) body.accept(t);
    } else {
      Parallel.forEach(tasks, body);
    }
  }

  private static void block4x4(int k, float alpha, float[] a, int ao, int lda, float[] b, int bo, int ldb,
      float beta, float[] c, int co, int ldc) {
    FloatVector z = FloatVector.zero(S);
    FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
    FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
    int bound = S.loopBound(k);
    int p = 0;
    for (; p < bound; p += L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bo + p), b1 = FloatVector.fromArray(S, b, bo + ldb + p);
      FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * ldb + p), b3 = FloatVector.fromArray(S, b, bo + 3 * ldb + p);
      FloatVector x = FloatVector.fromArray(S, a, ao + p);
      s00 = x.fma(b0, s00); s01 = x.fma(b1, s01); s02 = x.fma(b2, s02); s03 = x.fma(b3, s03);
      x = FloatVector.fromArray(S, a, ao + lda + p);
      s10 = x.fma(b0, s10); s11 = x.fma(b1, s11); s12 = x.fma(b2, s12); s13 = x.fma(b3, s13);
      x = FloatVector.fromArray(S, a, ao + 2 * lda + p);
      s20 = x.fma(b0, s20); s21 = x.fma(b1, s21); s22 = x.fma(b2, s22); s23 = x.fma(b3, s23);
      x = FloatVector.fromArray(S, a, ao + 3 * lda + p);
      s30 = x.fma(b0, s30); s31 = x.fma(b1, s31); s32 = x.fma(b2, s32); s33 = x.fma(b3, s33);
    }
    put(c, co, alpha, beta, s00, s01, s02, s03);
    put(c, co + ldc, alpha, beta, s10, s11, s12, s13);
    put(c, co + 2 * ldc, alpha, beta, s20, s21, s22, s23);
    put(c, co + 3 * ldc, alpha, beta, s30, s31, s32, s33);
    if (bound < k) tail(bound, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc);
  }

  /**
   * Adds the last {@code k − from} < 16 products of a 4×4 block. Kept apart from the vector loop:
   * with a masked tail inside it, the method grew too large for C1 ("out of virtual registers"),
   * never reached C2, and ran the Vector API's Java fallback, 50 times slower.
   */
  private static void tail(int from, int k, float alpha, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
    for (int r = 0; r < 4; r++) {
      for (int q = 0; q < 4; q++) {
        float s = 0;
        for (int p = from; p < k; p++) s += a[ao + r * lda + p] * b[bo + q * ldb + p];
        c[co + r * ldc + q] += alpha * s;
      }
    }
  }

  private static void put(float[] c, int off, float alpha, float beta, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
    float r0 = Vmath.sum(v0), r1 = Vmath.sum(v1), r2 = Vmath.sum(v2), r3 = Vmath.sum(v3);
    if (beta == 0f) {
      c[off] = alpha * r0; c[off + 1] = alpha * r1; c[off + 2] = alpha * r2; c[off + 3] = alpha * r3;
    } else {
      c[off] = alpha * r0 + beta * c[off];
      c[off + 1] = alpha * r1 + beta * c[off + 1];
      c[off + 2] = alpha * r2 + beta * c[off + 2];
      c[off + 3] = alpha * r3 + beta * c[off + 3];
    }
  }

  private static void small(int mr, int nr, int k, float alpha, float[] a, int ao, int lda, float[] b, int bo, int ldb,
      float beta, float[] c, int co, int ldc) {
    int bound = S.loopBound(k);
    for (int r = 0; r < mr; r++) {
      for (int q = 0; q < nr; q++) {
        FloatVector s = FloatVector.zero(S);
        int ar = ao + r * lda, br = bo + q * ldb;
        int p = 0;
        for (; p < bound; p += L) s = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), s);
        float sum = Vmath.sum(s);
        for (; p < k; p++) sum += a[ar + p] * b[br + p];
        int ci = co + r * ldc + q;
        c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
      }
    }
  }
}
