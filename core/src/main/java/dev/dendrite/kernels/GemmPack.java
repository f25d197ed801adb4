package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
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
    } else if (alpha == 1f && (rows == 12 || rows == 4) && kc > 2 * rows) {
      // The rows transposed a block at a time as B's are (see packB): each step of the panel is
      // stored as a whole vector, its lanes past the tile's rows overwritten by the next step's
      // store, which is why the last step (and what is left of a block) is written one by one.
      int l = rows == 12 ? 16 : 8, kv = (kc - 1) / l * l;
      float[] t = new float[l * l];
      for (int p = 0; p < kv; p += l) {
        int src = ao + i * lda + pc + p, dst = off + p * rows;
        transpose(l, a, src, lda, mr, t, ap, dst, rows);
      }
      for (int r = 0; r < rows; r++) {
        int src = ao + (i + r) * lda + pc;
        for (int p = kv; p < kc; p++) ap[off + p * rows + r] = r < mr ? a[src + p] : 0f;
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
          transpose(l, b, src, ldb, rows, t, bp, dst, cols);
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

  /**
   * One level of an l×l transpose: rows i and i+d (bit d of i clear) swap their off-diagonal d×d
   * blocks. Row i keeps its lanes without bit d and takes row i+d's lanes moved up by d ({@code
   * up}); row i+d takes row i's lanes moved down by d ({@code down}) and keeps those with bit d
   * ({@code mask}). After every level, element (r, c) sits at (c, r). Single-vector shuffles and
   * blends, which every x86 vector unit has; a two-vector select has no AVX2 instruction, and its
   * Java fallback ran 45 times slower.
   */
  private record Level(VectorShuffle<Float> up, VectorShuffle<Float> down, VectorMask<Float> mask) {
    static Level of(VectorSpecies<Float> s, int d) {
      return new Level(
          VectorShuffle.fromOp(s, c -> (c & d) != 0 ? c - d : c),
          VectorShuffle.fromOp(s, c -> (c & d) == 0 ? c + d : c),
          VectorMask.fromLong(s, bits(s.length(), d)));
    }

    private static long bits(int l, int d) {
      long m = 0;
      for (int c = 0; c < l; c++) if ((c & d) != 0) m |= 1L << c;
      return m;
    }

    /** Row i's new lanes. */
    FloatVector low(FloatVector ri, FloatVector rd) {
      return ri.blend(rd.rearrange(up), mask);
    }

    /** Row i+d's new lanes. */
    FloatVector high(FloatVector ri, FloatVector rd) {
      return ri.rearrange(down).blend(rd, mask);
    }
  }

  private static final Level L16_8 = Level.of(S16, 8), L16_4 = Level.of(S16, 4);
  private static final Level L16_2 = Level.of(S16, 2), L16_1 = Level.of(S16, 1);
  private static final Level L8_4 = Level.of(S8, 4), L8_2 = Level.of(S8, 2), L8_1 = Level.of(S8, 1);

  /** {@link #transpose16} or {@link #transpose8}, for blocks of l = 16 or 8. */
  private static void transpose(
      int l, float[] b, int src, int ldb, int rows, float[] t, float[] out, int dst, int ldo) {
    if (l == 16) transpose16(b, src, ldb, rows, t, out, dst, ldo);
    else transpose8(b, src, ldb, rows, t, out, dst, ldo);
  }

  /**
   * Writes the transpose of the 16×16 block whose row r is {@code b[src + r·ldb ..]} (rows past
   * {@code rows} read as 0) as rows {@code out[dst + q·ldo ..]}, through the scratch {@code t}: the
   * first two levels read B, the last two write the panel. Two copies, one per vector width, so
   * that each one's species is a constant.
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
    for (int i = 0; i < 4; i++) quad16(b, src + i * ldb, ldb, t, i * 16, 16, 4, L16_8, L16_4);
    for (int i = 0; i < 16; i += 4) quad16(t, i * 16, 16, out, dst + i * ldo, ldo, 1, L16_2, L16_1);
  }

  /**
   * Levels 2d and d on the rows x[xo + (0, d, 2d, 3d)·ldx], written to the same rows of y: four
   * vectors in registers, so that B and the panel are each touched once and the scratch twice.
   */
  private static void quad16(
      float[] x, int xo, int ldx, float[] y, int yo, int ldy, int d, Level outer, Level inner) {
    var r0 = FloatVector.fromArray(S16, x, xo);
    var r1 = FloatVector.fromArray(S16, x, xo + d * ldx);
    var r2 = FloatVector.fromArray(S16, x, xo + 2 * d * ldx);
    var r3 = FloatVector.fromArray(S16, x, xo + 3 * d * ldx);
    var s0 = outer.low(r0, r2);
    var s2 = outer.high(r0, r2);
    var s1 = outer.low(r1, r3);
    var s3 = outer.high(r1, r3);
    inner.low(s0, s1).intoArray(y, yo);
    inner.high(s0, s1).intoArray(y, yo + d * ldy);
    inner.low(s2, s3).intoArray(y, yo + 2 * d * ldy);
    inner.high(s2, s3).intoArray(y, yo + 3 * d * ldy);
  }

  /** {@link #transpose16} for 8×8 blocks and 256-bit vectors: levels 4 and 2, then 1. */
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
    for (int i = 0; i < 2; i++) {
      int xo = src + i * ldb, yo = i * 8;
      var r0 = FloatVector.fromArray(S8, b, xo);
      var r1 = FloatVector.fromArray(S8, b, xo + 2 * ldb);
      var r2 = FloatVector.fromArray(S8, b, xo + 4 * ldb);
      var r3 = FloatVector.fromArray(S8, b, xo + 6 * ldb);
      var s0 = L8_4.low(r0, r2);
      var s2 = L8_4.high(r0, r2);
      var s1 = L8_4.low(r1, r3);
      var s3 = L8_4.high(r1, r3);
      L8_2.low(s0, s1).intoArray(t, yo);
      L8_2.high(s0, s1).intoArray(t, yo + 16);
      L8_2.low(s2, s3).intoArray(t, yo + 32);
      L8_2.high(s2, s3).intoArray(t, yo + 48);
    }
    for (int i = 0; i < 8; i += 2) {
      var u = FloatVector.fromArray(S8, t, i * 8);
      var v = FloatVector.fromArray(S8, t, (i + 1) * 8);
      L8_1.low(u, v).intoArray(out, dst + i * ldo);
      L8_1.high(u, v).intoArray(out, dst + (i + 1) * ldo);
    }
  }
}
