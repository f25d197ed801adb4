package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link GemmJava} for 512-bit vectors (AVX-512). B is read at {@code b[bOff
 * + p·bK + col]}, 32 contiguous columns per step (packed: bK = 32); A either packed in 12-row
 * panels or in place.
 */
final class Micro {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int L = 16;

  private Micro() {}

  /**
   * A full 12×32 tile of C = A·B (or C += A·B with {@code add}) over depth kc, A packed ({@code
   * a[aOff + p·12 + r]}). 24 accumulators, two B loads and twelve broadcasts per step; alone it
   * runs at about 90% of the FMA peak. The stores are written out in full: handing the vectors to a
   * helper that is not inlined boxes them, and C2 then boxes them inside the loop too.
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
    FloatVector c00 = z,
        c01 = z,
        c10 = z,
        c11 = z,
        c20 = z,
        c21 = z,
        c30 = z,
        c31 = z,
        c40 = z,
        c41 = z,
        c50 = z,
        c51 = z,
        c60 = z,
        c61 = z,
        c70 = z,
        c71 = z,
        c80 = z,
        c81 = z,
        c90 = z,
        c91 = z,
        ca0 = z,
        ca1 = z,
        cb0 = z,
        cb1 = z;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * bK, ai = aOff + p * 12;
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
      x = FloatVector.broadcast(S, a[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + 6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + 7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
      x = FloatVector.broadcast(S, a[ai + 8]);
      c80 = x.fma(b0, c80);
      c81 = x.fma(b1, c81);
      x = FloatVector.broadcast(S, a[ai + 9]);
      c90 = x.fma(b0, c90);
      c91 = x.fma(b1, c91);
      x = FloatVector.broadcast(S, a[ai + 10]);
      ca0 = x.fma(b0, ca0);
      ca1 = x.fma(b1, ca1);
      x = FloatVector.broadcast(S, a[ai + 11]);
      cb0 = x.fma(b0, cb0);
      cb1 = x.fma(b1, cb1);
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
    c40 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc) : negZero).add(c40);
    c41 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc + L) : negZero).add(c41);
    c50 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc) : negZero).add(c50);
    c51 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc + L) : negZero).add(c51);
    c60 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc) : negZero).add(c60);
    c61 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc + L) : negZero).add(c61);
    c70 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc) : negZero).add(c70);
    c71 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc + L) : negZero).add(c71);
    c80 = (add ? FloatVector.fromArray(S, c, cOff + 8 * ldc) : negZero).add(c80);
    c81 = (add ? FloatVector.fromArray(S, c, cOff + 8 * ldc + L) : negZero).add(c81);
    c90 = (add ? FloatVector.fromArray(S, c, cOff + 9 * ldc) : negZero).add(c90);
    c91 = (add ? FloatVector.fromArray(S, c, cOff + 9 * ldc + L) : negZero).add(c91);
    ca0 = (add ? FloatVector.fromArray(S, c, cOff + 10 * ldc) : negZero).add(ca0);
    ca1 = (add ? FloatVector.fromArray(S, c, cOff + 10 * ldc + L) : negZero).add(ca1);
    cb0 = (add ? FloatVector.fromArray(S, c, cOff + 11 * ldc) : negZero).add(cb0);
    cb1 = (add ? FloatVector.fromArray(S, c, cOff + 11 * ldc + L) : negZero).add(cb1);
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
    c80.intoArray(c, cOff + 8 * ldc);
    c81.intoArray(c, cOff + 8 * ldc + L);
    c90.intoArray(c, cOff + 9 * ldc);
    c91.intoArray(c, cOff + 9 * ldc + L);
    ca0.intoArray(c, cOff + 10 * ldc);
    ca1.intoArray(c, cOff + 10 * ldc + L);
    cb0.intoArray(c, cOff + 11 * ldc);
    cb1.intoArray(c, cOff + 11 * ldc + L);
  }

  /**
   * The same tile with A read in place, row-major: {@code a[aOff + r·lda + p]} (no packing; for
   * small n).
   */
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
    FloatVector c00 = z,
        c01 = z,
        c10 = z,
        c11 = z,
        c20 = z,
        c21 = z,
        c30 = z,
        c31 = z,
        c40 = z,
        c41 = z,
        c50 = z,
        c51 = z,
        c60 = z,
        c61 = z,
        c70 = z,
        c71 = z,
        c80 = z,
        c81 = z,
        c90 = z,
        c91 = z,
        ca0 = z,
        ca1 = z,
        cb0 = z,
        cb1 = z;
    int r1 = 1 * lda,
        r2 = 2 * lda,
        r3 = 3 * lda,
        r4 = 4 * lda,
        r5 = 5 * lda,
        r6 = 6 * lda,
        r7 = 7 * lda,
        r8 = 8 * lda,
        r9 = 9 * lda,
        r10 = 10 * lda,
        r11 = 11 * lda;
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
      x = FloatVector.broadcast(S, a[ai + r4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + r5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + r6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + r7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
      x = FloatVector.broadcast(S, a[ai + r8]);
      c80 = x.fma(b0, c80);
      c81 = x.fma(b1, c81);
      x = FloatVector.broadcast(S, a[ai + r9]);
      c90 = x.fma(b0, c90);
      c91 = x.fma(b1, c91);
      x = FloatVector.broadcast(S, a[ai + r10]);
      ca0 = x.fma(b0, ca0);
      ca1 = x.fma(b1, ca1);
      x = FloatVector.broadcast(S, a[ai + r11]);
      cb0 = x.fma(b0, cb0);
      cb1 = x.fma(b1, cb1);
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
    c40 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc) : negZero).add(c40);
    c41 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc + L) : negZero).add(c41);
    c50 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc) : negZero).add(c50);
    c51 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc + L) : negZero).add(c51);
    c60 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc) : negZero).add(c60);
    c61 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc + L) : negZero).add(c61);
    c70 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc) : negZero).add(c70);
    c71 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc + L) : negZero).add(c71);
    c80 = (add ? FloatVector.fromArray(S, c, cOff + 8 * ldc) : negZero).add(c80);
    c81 = (add ? FloatVector.fromArray(S, c, cOff + 8 * ldc + L) : negZero).add(c81);
    c90 = (add ? FloatVector.fromArray(S, c, cOff + 9 * ldc) : negZero).add(c90);
    c91 = (add ? FloatVector.fromArray(S, c, cOff + 9 * ldc + L) : negZero).add(c91);
    ca0 = (add ? FloatVector.fromArray(S, c, cOff + 10 * ldc) : negZero).add(ca0);
    ca1 = (add ? FloatVector.fromArray(S, c, cOff + 10 * ldc + L) : negZero).add(ca1);
    cb0 = (add ? FloatVector.fromArray(S, c, cOff + 11 * ldc) : negZero).add(cb0);
    cb1 = (add ? FloatVector.fromArray(S, c, cOff + 11 * ldc + L) : negZero).add(cb1);
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
    c80.intoArray(c, cOff + 8 * ldc);
    c81.intoArray(c, cOff + 8 * ldc + L);
    c90.intoArray(c, cOff + 9 * ldc);
    c91.intoArray(c, cOff + 9 * ldc + L);
    ca0.intoArray(c, cOff + 10 * ldc);
    ca1.intoArray(c, cOff + 10 * ldc + L);
    cb0.intoArray(c, cOff + 11 * ldc);
    cb1.intoArray(c, cOff + 11 * ldc + L);
  }

  /** The first 8 rows of a packed 12-row panel times 32 columns: the short last panel of A. */
  static void kernel8(
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
    FloatVector c00 = z,
        c01 = z,
        c10 = z,
        c11 = z,
        c20 = z,
        c21 = z,
        c30 = z,
        c31 = z,
        c40 = z,
        c41 = z,
        c50 = z,
        c51 = z,
        c60 = z,
        c61 = z,
        c70 = z,
        c71 = z;
    for (int p = 0; p < kc; p++) {
      int bi = bOff + p * bK, ai = aOff + p * 12;
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
      x = FloatVector.broadcast(S, a[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + 6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + 7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
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
    c40 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc) : negZero).add(c40);
    c41 = (add ? FloatVector.fromArray(S, c, cOff + 4 * ldc + L) : negZero).add(c41);
    c50 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc) : negZero).add(c50);
    c51 = (add ? FloatVector.fromArray(S, c, cOff + 5 * ldc + L) : negZero).add(c51);
    c60 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc) : negZero).add(c60);
    c61 = (add ? FloatVector.fromArray(S, c, cOff + 6 * ldc + L) : negZero).add(c61);
    c70 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc) : negZero).add(c70);
    c71 = (add ? FloatVector.fromArray(S, c, cOff + 7 * ldc + L) : negZero).add(c71);
    c00.intoArray(c, cOff);
    c01.intoArray(c, cOff + L);
    c10.intoArray(c, cOff + ldc);
    c11.intoArray(c, cOff + ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
  }

  /** The first 4 rows of a packed 12-row panel times 32 columns: the short last panel of A. */
  static void kernel4(
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
      int bi = bOff + p * bK, ai = aOff + p * 12;
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
}
