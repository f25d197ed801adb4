package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link GemmJava}. A is read at {@code a[aOff + r·aR + p·aK]} (packed:
 * aR = 1, aK = 8), B at {@code b[bOff + p·bK + col]} with 32 contiguous columns per step.
 */
final class Micro {
  private static final VectorSpecies<Float> S = GemmJava.S;
  private static final int L = GemmJava.L;

  private Micro() {}

  /** A full 8×32 tile of C: C = alpha·(A·B) + beta·C over depth kc. */
  static void kernel(int kc, float[] a, int aOff, int aR, int aK, float[] b, int bOff, int bK,
      float[] c, int cOff, int ldc, float alpha, float beta) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    int a1 = aR, a2 = 2 * aR, a3 = 3 * aR, a4 = 4 * aR, a5 = 5 * aR, a6 = 6 * aR, a7 = 7 * aR;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * bK, ai = aOff + p * aK;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + a1]);
      c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + a2]);
      c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + a3]);
      c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[ai + a4]);
      c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + a5]);
      c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + a6]);
      c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + a7]);
      c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
    }
    store(c00, c01, c, cOff, alpha, beta);
    store(c10, c11, c, cOff + ldc, alpha, beta);
    store(c20, c21, c, cOff + 2 * ldc, alpha, beta);
    store(c30, c31, c, cOff + 3 * ldc, alpha, beta);
    store(c40, c41, c, cOff + 4 * ldc, alpha, beta);
    store(c50, c51, c, cOff + 5 * ldc, alpha, beta);
    store(c60, c61, c, cOff + 6 * ldc, alpha, beta);
    store(c70, c71, c, cOff + 7 * ldc, alpha, beta);
  }

  private static void store(FloatVector lo, FloatVector hi, float[] c, int off, float alpha, float beta) {
    if (alpha != 1f) {
      lo = lo.mul(alpha);
      hi = hi.mul(alpha);
    }
    if (beta != 0f) {
      FloatVector o0 = FloatVector.fromArray(S, c, off), o1 = FloatVector.fromArray(S, c, off + L);
      if (beta == 1f) {
        lo = lo.add(o0);
        hi = hi.add(o1);
      } else {
        FloatVector vb = FloatVector.broadcast(S, beta);
        lo = o0.fma(vb, lo);
        hi = o1.fma(vb, hi);
      }
    }
    lo.intoArray(c, off);
    hi.intoArray(c, off + L);
  }

  /**
   * A partial tile (mr ≤ 8 rows, nr ≤ 32 columns), one row at a time with masked loads and stores:
   * nothing outside the valid rows and columns is read or written (unless B is packed, whose
   * padding is zeros).
   */
  static void edge(int kc, int mr, int nr, float[] a, int aOff, int aR, int aK, float[] b, int bOff, int bK, boolean bPacked,
      float[] c, int cOff, int ldc, float alpha, float beta, float[] unused) {
    VectorMask<Float> m0 = S.indexInRange(0, nr), m1 = S.indexInRange(L, nr);
    for (int r = 0; r < mr; r++) {
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
      int ar = aOff + r * aR;
      for (int p = 0; p < kc; p++) {
        int bi = bOff + p * bK;
        FloatVector x = FloatVector.broadcast(S, a[ar + p * aK]);
        FloatVector b0 = bPacked ? FloatVector.fromArray(S, b, bi) : FloatVector.fromArray(S, b, bi, m0);
        s0 = x.fma(b0, s0);
        if (nr > L) {
          FloatVector b1 = bPacked ? FloatVector.fromArray(S, b, bi + L) : FloatVector.fromArray(S, b, bi + L, m1);
          s1 = x.fma(b1, s1);
        }
      }
      int off = cOff + r * ldc;
      s0 = s0.mul(alpha);
      s1 = s1.mul(alpha);
      if (beta != 0f) {
        FloatVector vb = FloatVector.broadcast(S, beta);
        s0 = FloatVector.fromArray(S, c, off, m0).fma(vb, s0);
        if (nr > L) s1 = FloatVector.fromArray(S, c, off + L, m1).fma(vb, s1);
      }
      s0.intoArray(c, off, m0);
      if (nr > L) s1.intoArray(c, off + L, m1);
    }
  }
}
