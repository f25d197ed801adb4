package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link GemmJava} for 256-bit vectors (AVX2): 6 rows × 16 columns of C in 12
 * accumulators, plus two B vectors and a broadcast, 15 of the 16 ymm registers (BLIS's Haswell
 * tile). B is read at {@code b[bOff + p·bK + col]}, 16 contiguous columns per step (packed: bK =
 * 16); A either packed in 4-row panels or in place. The 512-bit tiles are in {@link Micro}.
 */
final class GemmMicro256 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = 8;
  static final int MR = 4, NR = 16;

  private GemmMicro256() {}

  /**
   * A full 4×16 tile of C = A·B (or C += A·B with {@code add}) over depth kc, A packed ({@code
   * a[aOff + p·4 + r]}). The stores are written out in full: a vector handed to a helper that is
   * not inlined is boxed.
   */
  static void kernel(
      int kc,
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * bK, ai = aOff + p * 4;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    // C += A·B adds the loaded C; C = A·B adds −0, which leaves every value as it is.
    // Either way the stores below get a receiver of known class, not a loop variable,
    // so that C2 makes them intrinsics and never boxes the loop.
    FloatVector negZero = FloatVector.broadcast(S, -0f);
    c00 = (add ? FloatVector.fromArray(S, c, cOff) : negZero).add(c00);
    c01 = (add ? FloatVector.fromArray(S, c, cOff + L) : negZero).add(c01);
    c10 = (add ? FloatVector.fromArray(S, c, cOff + ldc) : negZero).add(c10);
    c11 = (add ? FloatVector.fromArray(S, c, cOff + ldc + L) : negZero).add(c11);
    c20 = (add ? FloatVector.fromArray(S, c, cOff + 2 * ldc) : negZero).add(c20);
    c21 = (add ? FloatVector.fromArray(S, c, cOff + 2 * ldc + L) : negZero).add(c21);
    c30 = (add ? FloatVector.fromArray(S, c, cOff + 3 * ldc) : negZero).add(c30);
    c31 = (add ? FloatVector.fromArray(S, c, cOff + 3 * ldc + L) : negZero).add(c31);
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
  }

  /** The same tile with A read in place, row-major: {@code a[aOff + r·lda + p]}. */
  static void kernelInPlace(
      int kc,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    FloatVector z = FloatVector.zero(S);
    FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    int r1 = 1 * lda, r2 = 2 * lda, r3 = 3 * lda;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * bK, ai = aOff + p;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + r1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + r2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + r3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    // The loaded C or −0, as in kernel: stores with a receiver of known class.
    FloatVector negZero = FloatVector.broadcast(S, -0f);
    c00 = (add ? FloatVector.fromArray(S, c, cOff) : negZero).add(c00);
    c01 = (add ? FloatVector.fromArray(S, c, cOff + L) : negZero).add(c01);
    c10 = (add ? FloatVector.fromArray(S, c, cOff + ldc) : negZero).add(c10);
    c11 = (add ? FloatVector.fromArray(S, c, cOff + ldc + L) : negZero).add(c11);
    c20 = (add ? FloatVector.fromArray(S, c, cOff + 2 * ldc) : negZero).add(c20);
    c21 = (add ? FloatVector.fromArray(S, c, cOff + 2 * ldc + L) : negZero).add(c21);
    c30 = (add ? FloatVector.fromArray(S, c, cOff + 3 * ldc) : negZero).add(c30);
    c31 = (add ? FloatVector.fromArray(S, c, cOff + 3 * ldc + L) : negZero).add(c31);
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
  }

  /**
   * A partial tile (mr ≤ 4 rows, nr ≤ 16 columns), one row at a time, A at {@code a[aOff + r·aR +
   * p·aK]}, with masked loads of B and masked stores: nothing outside the tile is touched.
   */
  static void edge(
      int kc,
      int mr,
      int nr,
      float[] a,
      int aOff,
      int aR,
      int aK,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    EdgeTile.run(
        GemmMicro256::edgeInRange, L, kc, mr, nr, a, aOff, aR, aK, b, bOff, bK, c, cOff, ldc, add);
  }

  private static void edgeInRange(
      int kc,
      int mr,
      int nr,
      float[] a,
      int aOff,
      int aR,
      int aK,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    if (nr > L) edgeTwo(kc, mr, nr, a, aOff, aR, aK, b, bOff, bK, c, cOff, ldc, add);
    else edgeOne(kc, mr, nr, a, aOff, aR, aK, b, bOff, bK, c, cOff, ldc, add);
  }

  /**
   * Up to one vector of columns. No vector is updated under a branch inside the loop: written so
   * (one method for both widths, the second accumulator behind {@code if (nr > L)}), some runs'
   * compilations left the multiply-adds as calls to the Java fallback, and a DCGAN trained at half
   * speed for the whole run.
   */
  private static void edgeOne(
      int kc,
      int mr,
      int nr,
      float[] a,
      int aOff,
      int aR,
      int aK,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    VectorMask<Float> m0 = S.indexInRange(0, nr);
    FloatVector negZero = FloatVector.broadcast(S, -0f);
    for (int r = 0; r < mr; r++) {
      FloatVector s0 = FloatVector.zero(S);
      int ar = aOff + r * aR;
      for (int p = 0; p < kc; p++) {
        FloatVector x = FloatVector.broadcast(S, a[ar + p * aK]);
        s0 = x.fma(FloatVector.fromArray(S, b, bOff + p * bK, m0), s0);
      }
      int off = cOff + r * ldc;
      // The loaded C or −0, as in kernel: stores with a receiver of known class.
      s0 = (add ? FloatVector.fromArray(S, c, off, m0) : negZero).add(s0);
      s0.intoArray(c, off, m0);
    }
  }

  /** More than one vector of columns: the first vector whole, the second masked. */
  private static void edgeTwo(
      int kc,
      int mr,
      int nr,
      float[] a,
      int aOff,
      int aR,
      int aK,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    VectorMask<Float> m1 = S.indexInRange(L, nr);
    FloatVector negZero = FloatVector.broadcast(S, -0f);
    for (int r = 0; r < mr; r++) {
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
      int ar = aOff + r * aR;
      for (int p = 0; p < kc; p++) {
        int bi = bOff + p * bK;
        FloatVector x = FloatVector.broadcast(S, a[ar + p * aK]);
        s0 = x.fma(FloatVector.fromArray(S, b, bi), s0);
        s1 = x.fma(FloatVector.fromArray(S, b, bi + L, m1), s1);
      }
      int off = cOff + r * ldc;
      s0 = (add ? FloatVector.fromArray(S, c, off) : negZero).add(s0);
      s1 = (add ? FloatVector.fromArray(S, c, off + L, m1) : negZero).add(s1);
      s0.intoArray(c, off);
      s1.intoArray(c, off + L, m1);
    }
  }
}
