package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for the register tiles: panels of A a tile's rows tall and panels of B a tile's columns
 * wide, contiguous along the depth, zero-padded past the matrix's edge, so that the tile's loads
 * are unit-stride and never test bounds. {@link GemmJava} packs per block; {@link PackedLinear}
 * packs a Linear layer's weight once.
 */
final class GemmPack {
  private GemmPack() {}

  /**
   * Packs rows i..i+mr, depth pc..pc+kc of alpha·op(A) into an mr-row panel ({@code ap[p·MR + r]},
   * MR the tile's rows); missing rows are 0.
   */
  static void packA(
      int rows,
      boolean ta,
      float[] a,
      int ao,
      int lda,
      int i,
      int mr,
      int pc,
      int kc,
      float alpha,
      float[] ap,
      int off) {
    if (ta) {
      for (int p = 0; p < kc; p++) {
        int src = ao + (pc + p) * lda + i, dst = off + p * rows;
        for (int r = 0; r < mr; r++) ap[dst + r] = alpha * a[src + r];
        for (int r = mr; r < rows; r++) ap[dst + r] = 0f;
      }
    } else {
      for (int r = 0; r < rows; r++) {
        if (r < mr) {
          int src = ao + (i + r) * lda + pc;
          for (int p = 0; p < kc; p++) ap[off + p * rows + r] = alpha * a[src + p];
        } else {
          for (int p = 0; p < kc; p++) ap[off + p * rows + r] = 0f;
        }
      }
    }
  }

  /**
   * Packs depth pc..pc+kc, columns j..j+nr of op(B) into an NR-column panel ({@code bp[p·NR + c]},
   * NR = {@code cols}, the tile's columns); missing columns are 0.
   */
  static void packB(
      int cols,
      boolean tb,
      float[] b,
      int bo,
      int ldb,
      int pc,
      int kc,
      int j,
      int nr,
      float[] bp,
      int off) {
    if (!tb) {
      if (nr == cols && cols == 32) {
        VectorSpecies<Float> s = FloatVector.SPECIES_512;
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * 32;
          FloatVector.fromArray(s, b, src).intoArray(bp, dst);
          FloatVector.fromArray(s, b, src + 16).intoArray(bp, dst + 16);
        }
      } else if (nr == cols && cols == 16) {
        VectorSpecies<Float> s = FloatVector.SPECIES_256;
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * 16;
          FloatVector.fromArray(s, b, src).intoArray(bp, dst);
          FloatVector.fromArray(s, b, src + 8).intoArray(bp, dst + 8);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * cols;
          System.arraycopy(b, src, bp, dst, nr);
          java.util.Arrays.fill(bp, dst + nr, dst + cols, 0f);
        }
      }
    } else if ((cols == 32 || cols == 16) && kc >= cols / 2) {
      // B is stored n×k: l×l blocks (l rows of B, l steps of depth, l = one vector) transposed in
      // registers, each row of B read contiguously and each step of the panel written whole. A
      // scalar transpose cost half as much as the product it fed (a 64-row x·Wᵀ, 256 wide).
      int l = cols / 2, kv = kc - kc % l;
      float[] t = new float[l * l];
      for (int half = 0; half < 2; half++) {
        int c0 = half * l, rows = Math.clamp(nr - c0, 0, l);
        for (int p = 0; p < kv; p += l) {
          int src = bo + (j + c0) * ldb + pc + p, dst = off + p * cols + c0;
          if (l == 16) transpose16(b, src, ldb, rows, t, bp, dst, cols);
          else transpose8(b, src, ldb, rows, t, bp, dst, cols);
        }
      }
      for (int col = 0; col < cols; col++) {
        int src = bo + (j + col) * ldb + pc;
        for (int p = kv; p < kc; p++) bp[off + p * cols + col] = col < nr ? b[src + p] : 0f;
      }
    } else {
      // B is stored n×k: read each row of it contiguously, write down a column of the panel.
      for (int col = 0; col < cols; col++) {
        if (col < nr) {
          int src = bo + (j + col) * ldb + pc;
          for (int p = 0; p < kc; p++) bp[off + p * cols + col] = b[src + p];
        } else {
          for (int p = 0; p < kc; p++) bp[off + p * cols + col] = 0f;
        }
      }
    }
  }

  private static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512;
  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
  private static final VectorSpecies<Integer> I16 = IntVector.SPECIES_512;
  private static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;

  /**
   * Selection indices for the levels of an l×l transpose: at level d (l/2, ..., 2, 1), rows i and
   * i+d (bit d of i clear) swap their off-diagonal d×d blocks, {@code low} giving row i's new lanes
   * and {@code high} row i+d's, indices ≥ l picking from the second row. After every level, element
   * (r, c) sits at (c, r).
   */
  private record Swaps(int[] low, int[] high) {
    static Swaps of(int l) {
      int[] low = new int[l * l], high = new int[l * l];
      for (int d = 1; d < l; d <<= 1)
        for (int c = 0; c < l; c++) {
          low[d * l + c] = (c & d) != 0 ? l + c - d : c;
          high[d * l + c] = (c & d) != 0 ? l + c : c + d;
        }
      return new Swaps(low, high);
    }
  }

  private static final Swaps SWAPS16 = Swaps.of(16), SWAPS8 = Swaps.of(8);

  /**
   * Writes the transpose of the 16×16 block whose row r is {@code b[src + r·ldb ..]} (rows past
   * {@code rows} read as 0) as rows {@code out[dst + q·ldo ..]}, through the scratch {@code t}: the
   * first level reads B and the last writes the panel. Two copies, one per vector width, so that
   * each one's species is a constant.
   */
  private static void transpose16(
      float[] b, int src, int ldb, int rows, float[] t, float[] out, int dst, int ldo) {
    if (rows < 16) {
      for (int r = 0; r < 16; r++) {
        if (r < rows) FloatVector.fromArray(S16, b, src + r * ldb).intoArray(t, r * 16);
        else FloatVector.zero(S16).intoArray(t, r * 16);
      }
      b = t;
      src = 0;
      ldb = 16;
    }
    quad16(b, src, ldb, t, 0, 16, 4);
    quad16(t, 0, 16, out, dst, ldo, 1);
  }

  /**
   * Two levels of {@link #transpose16}, 2d then d, on the row quads (i, i+d, i+2d, i+3d), from x to
   * y: four vectors in registers per quad, so B and the panel are each touched once and the scratch
   * twice.
   */
  private static void quad16(float[] x, int xo, int ldx, float[] y, int yo, int ldy, int d) {
    int[] low = SWAPS16.low(), high = SWAPS16.high();
    for (int q = 0; q < 4; q++) {
      int i = d == 4 ? q : 4 * q;
      var r0 = FloatVector.fromArray(S16, x, xo + i * ldx).reinterpretAsInts();
      var r1 = FloatVector.fromArray(S16, x, xo + (i + d) * ldx).reinterpretAsInts();
      var r2 = FloatVector.fromArray(S16, x, xo + (i + 2 * d) * ldx).reinterpretAsInts();
      var r3 = FloatVector.fromArray(S16, x, xo + (i + 3 * d) * ldx).reinterpretAsInts();
      var s0 = IntVector.fromArray(I16, low, 2 * d * 16).selectFrom(r0, r2);
      var s2 = IntVector.fromArray(I16, high, 2 * d * 16).selectFrom(r0, r2);
      var s1 = IntVector.fromArray(I16, low, 2 * d * 16).selectFrom(r1, r3);
      var s3 = IntVector.fromArray(I16, high, 2 * d * 16).selectFrom(r1, r3);
      store(IntVector.fromArray(I16, low, d * 16).selectFrom(s0, s1), y, yo + i * ldy);
      store(IntVector.fromArray(I16, high, d * 16).selectFrom(s0, s1), y, yo + (i + d) * ldy);
      store(IntVector.fromArray(I16, low, d * 16).selectFrom(s2, s3), y, yo + (i + 2 * d) * ldy);
      store(IntVector.fromArray(I16, high, d * 16).selectFrom(s2, s3), y, yo + (i + 3 * d) * ldy);
    }
  }

  private static void store(IntVector v, float[] y, int at) {
    v.reinterpretAsFloats().intoArray(y, at);
  }

  /** {@link #transpose16} for 8×8 blocks and 256-bit vectors. */
  private static void transpose8(
      float[] b, int src, int ldb, int rows, float[] t, float[] out, int dst, int ldo) {
    if (rows < 8) {
      for (int r = 0; r < 8; r++) {
        if (r < rows) FloatVector.fromArray(S8, b, src + r * ldb).intoArray(t, r * 8);
        else FloatVector.zero(S8).intoArray(t, r * 8);
      }
      b = t;
      src = 0;
      ldb = 8;
    }
    quad8(b, src, ldb, t, 0, 8);
    level8(t, 0, 8, out, dst, ldo);
  }

  /** Levels 4 and 2 of {@link #transpose8}, as {@link #quad16} does them, on (i, i+2, i+4, i+6). */
  private static void quad8(float[] x, int xo, int ldx, float[] y, int yo, int ldy) {
    int[] low = SWAPS8.low(), high = SWAPS8.high();
    for (int i = 0; i < 2; i++) {
      var r0 = FloatVector.fromArray(S8, x, xo + i * ldx).reinterpretAsInts();
      var r1 = FloatVector.fromArray(S8, x, xo + (i + 2) * ldx).reinterpretAsInts();
      var r2 = FloatVector.fromArray(S8, x, xo + (i + 4) * ldx).reinterpretAsInts();
      var r3 = FloatVector.fromArray(S8, x, xo + (i + 6) * ldx).reinterpretAsInts();
      var s0 = IntVector.fromArray(I8, low, 4 * 8).selectFrom(r0, r2);
      var s2 = IntVector.fromArray(I8, high, 4 * 8).selectFrom(r0, r2);
      var s1 = IntVector.fromArray(I8, low, 4 * 8).selectFrom(r1, r3);
      var s3 = IntVector.fromArray(I8, high, 4 * 8).selectFrom(r1, r3);
      store(IntVector.fromArray(I8, low, 2 * 8).selectFrom(s0, s1), y, yo + i * ldy);
      store(IntVector.fromArray(I8, high, 2 * 8).selectFrom(s0, s1), y, yo + (i + 2) * ldy);
      store(IntVector.fromArray(I8, low, 2 * 8).selectFrom(s2, s3), y, yo + (i + 4) * ldy);
      store(IntVector.fromArray(I8, high, 2 * 8).selectFrom(s2, s3), y, yo + (i + 6) * ldy);
    }
  }

  /** Level 1 of {@link #transpose8}: the row pairs (i, i+1), from x to y. */
  private static void level8(float[] x, int xo, int ldx, float[] y, int yo, int ldy) {
    int[] low = SWAPS8.low(), high = SWAPS8.high();
    for (int i = 0; i < 8; i += 2) {
      var u = FloatVector.fromArray(S8, x, xo + i * ldx).reinterpretAsInts();
      var v = FloatVector.fromArray(S8, x, xo + (i + 1) * ldx).reinterpretAsInts();
      store(IntVector.fromArray(I8, low, 8).selectFrom(u, v), y, yo + i * ldy);
      store(IntVector.fromArray(I8, high, 8).selectFrom(u, v), y, yo + (i + 1) * ldy);
    }
  }
}
