package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The partial tiles of {@link Micro} (fewer than 12 rows or 32 columns of C), with masked loads of
 * B and masked stores, for 512-bit vectors.
 */
final class MicroEdge {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int L = 16;

  private MicroEdge() {}

  /**
   * A partial tile (mr ≤ 12 rows, nr ≤ 32 columns) of C = A·B (or C += A·B), one row at a time, A
   * at {@code a[aOff + r·aR + p·aK]}, with masked loads of B and masked stores: nothing outside the
   * valid rows and columns is read or written.
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
        MicroEdge::edgeInRange, L, kc, mr, nr, a, aOff, aR, aK, b, bOff, bK, c, cOff, ldc, add);
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
