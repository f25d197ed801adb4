package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha·A·Bᵀ + beta·C} for few rows of A, without packing: every C element is a dot
 * product of two contiguous rows (A is m×k, B is n×k, both row-major), so a 4×4 block of C reads 4
 * rows of each and keeps 16 vector accumulators; with a short depth, blocks of 6×4 (24
 * accumulators) read each B row once for six rows of A. This is a Linear layer's forward pass,
 * {@code x·Wᵀ} at small batches, where packing W's transpose costs more than the register tile
 * saves.
 */
final class DotTiles {
  private static final VectorSpecies<Float> S = GemmJava.S;
  private static final int L = GemmJava.L;

  /** Depth per pass: 4 rows of A and up to 64 of B, 2 KiB each, stay in L2. */
  private static final int KCHUNK = 512;

  private DotTiles() {}

  static void run(
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc) {
    int rowBlocks = (m + 3) / 4, colBlocks = (n + 3) / 4;
    java.util.function.IntConsumer body;
    int tasks;
    if (k <= 2 * KCHUNK) {
      // Short depth: a task is 4 rows × up to 64 columns of C, the whole depth at once.
      int colGroup = 16, groups = (colBlocks + colGroup - 1) / colGroup;
      // Row blocks of 6 (then 4 for what is left): a 6×4 block reads each B row once for 6 rows
      // of A, a third less traffic from L2 than a 4×4 block, which is what bounds this product.
      // An even number of them, covering whole 4-row blocks only, leaves the same rows as before
      // to the 4×4 blocks and to small(), whose lane sums run in another order: the same bits.
      // (With 256-bit vectors only 16 registers: 24 accumulators would spill.)
      int six = L == 16 ? ((m - m % 4) / 6) & ~1 : 0, rest = (m - 6 * six + 3) / 4;
      tasks = (six + rest) * groups;
      body =
          t -> {
            float[] scratch = new float[24 * L];
            int rb = t / groups, g = t % groups;
            int i = rb < six ? rb * 6 : 6 * six + (rb - six) * 4,
                mr = rb < six ? 6 : Math.min(4, m - i);
            for (int cb = g * colGroup; cb < Math.min(colBlocks, (g + 1) * colGroup); cb++) {
              int j = cb * 4, nr = Math.min(4, n - j);
              if (mr == 6 && nr == 4)
                block6x4(
                    k,
                    alpha,
                    a,
                    ao + i * lda,
                    lda,
                    b,
                    bo + j * ldb,
                    ldb,
                    beta,
                    c,
                    co + i * ldc + j,
                    ldc,
                    scratch);
              else if (mr == 4 && nr == 4)
                block4x4(
                    k,
                    alpha,
                    a,
                    ao + i * lda,
                    lda,
                    b,
                    bo + j * ldb,
                    ldb,
                    beta,
                    c,
                    co + i * ldc + j,
                    ldc,
                    scratch);
              else
                small(
                    mr,
                    nr,
                    k,
                    alpha,
                    a,
                    ao + i * lda,
                    lda,
                    b,
                    bo + j * ldb,
                    ldb,
                    beta,
                    c,
                    co + i * ldc + j,
                    ldc);
            }
          };
    } else {
      // Long depth (a conv's weight gradient has k = N·H·W): a task is a group of columns over all
      // rows, walking the depth in chunks so that its B rows and all of A (≤ 64 × 2 KiB each) stay
      // in L2; B is read once, A once per group. The first chunk applies beta, the others add.
      int colGroup = Math.max(1, Math.min(16, (colBlocks + 3) / 4));
      tasks = (colBlocks + colGroup - 1) / colGroup;
      body =
          t -> {
            float[] scratch = new float[16 * L];
            for (int p0 = 0; p0 < k; p0 += KCHUNK) {
              int kc = Math.min(KCHUNK, k - p0);
              float be = p0 == 0 ? beta : 1f;
              for (int rb = 0; rb < rowBlocks; rb++) {
                int i = rb * 4, mr = Math.min(4, m - i);
                for (int cb = t * colGroup; cb < Math.min(colBlocks, (t + 1) * colGroup); cb++) {
                  int j = cb * 4, nr = Math.min(4, n - j);
                  if (mr == 4 && nr == 4)
                    block4x4(
                        kc,
                        alpha,
                        a,
                        ao + i * lda + p0,
                        lda,
                        b,
                        bo + j * ldb + p0,
                        ldb,
                        be,
                        c,
                        co + i * ldc + j,
                        ldc,
                        scratch);
                  else
                    small(
                        mr,
                        nr,
                        kc,
                        alpha,
                        a,
                        ao + i * lda + p0,
                        lda,
                        b,
                        bo + j * ldb + p0,
                        ldb,
                        be,
                        c,
                        co + i * ldc + j,
                        ldc);
                }
              }
            }
          };
    }
    if (GemmJava.threadsFor(m, n, k) == 1 || tasks == 1) {
      for (int t = 0; t < tasks; t++) body.accept(t);
    } else {
      Parallel.forEach(tasks, body);
    }
  }

  private static void block6x4(
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc,
      float[] scratch) {
    FloatVector z = FloatVector.zero(S);
    FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
    FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
    FloatVector s40 = z, s41 = z, s42 = z, s43 = z, s50 = z, s51 = z, s52 = z, s53 = z;
    int bound = S.loopBound(k);
    int p = 0;
    for (; p < bound; p += L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bo + p),
          b1 = FloatVector.fromArray(S, b, bo + ldb + p);
      FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * ldb + p),
          b3 = FloatVector.fromArray(S, b, bo + 3 * ldb + p);
      FloatVector x = FloatVector.fromArray(S, a, ao + p);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.fromArray(S, a, ao + lda + p);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.fromArray(S, a, ao + 2 * lda + p);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.fromArray(S, a, ao + 3 * lda + p);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
      x = FloatVector.fromArray(S, a, ao + 4 * lda + p);
      s40 = x.fma(b0, s40);
      s41 = x.fma(b1, s41);
      s42 = x.fma(b2, s42);
      s43 = x.fma(b3, s43);
      x = FloatVector.fromArray(S, a, ao + 5 * lda + p);
      s50 = x.fma(b0, s50);
      s51 = x.fma(b1, s51);
      s52 = x.fma(b2, s52);
      s53 = x.fma(b3, s53);
    }
    // As in block4x4: the lanes go to memory and are summed there in a fixed order.
    FloatVector one = FloatVector.broadcast(S, 1f);
    one.mul(s00).intoArray(scratch, 0);
    one.mul(s01).intoArray(scratch, L);
    one.mul(s02).intoArray(scratch, 2 * L);
    one.mul(s03).intoArray(scratch, 3 * L);
    one.mul(s10).intoArray(scratch, 4 * L);
    one.mul(s11).intoArray(scratch, 5 * L);
    one.mul(s12).intoArray(scratch, 6 * L);
    one.mul(s13).intoArray(scratch, 7 * L);
    one.mul(s20).intoArray(scratch, 8 * L);
    one.mul(s21).intoArray(scratch, 9 * L);
    one.mul(s22).intoArray(scratch, 10 * L);
    one.mul(s23).intoArray(scratch, 11 * L);
    one.mul(s30).intoArray(scratch, 12 * L);
    one.mul(s31).intoArray(scratch, 13 * L);
    one.mul(s32).intoArray(scratch, 14 * L);
    one.mul(s33).intoArray(scratch, 15 * L);
    one.mul(s40).intoArray(scratch, 16 * L);
    one.mul(s41).intoArray(scratch, 17 * L);
    one.mul(s42).intoArray(scratch, 18 * L);
    one.mul(s43).intoArray(scratch, 19 * L);
    one.mul(s50).intoArray(scratch, 20 * L);
    one.mul(s51).intoArray(scratch, 21 * L);
    one.mul(s52).intoArray(scratch, 22 * L);
    one.mul(s53).intoArray(scratch, 23 * L);
    reduceRows(scratch, 24);
    for (int r = 0; r < 6; r++) {
      for (int q = 0; q < 4; q++) {
        float sum = scratch[(r * 4 + q) * L];
        int ci = co + r * ldc + q;
        c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
      }
    }
    if (bound < k) {
      tail(bound, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc, 4);
      tail(bound, k, alpha, a, ao + 4 * lda, lda, b, bo, ldb, c, co + 4 * ldc, ldc, 2);
    }
  }

  private static void block4x4(
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc,
      float[] scratch) {
    FloatVector z = FloatVector.zero(S);
    FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
    FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
    int bound = S.loopBound(k);
    int p = 0;
    for (; p < bound; p += L) {
      FloatVector b0 = FloatVector.fromArray(S, b, bo + p),
          b1 = FloatVector.fromArray(S, b, bo + ldb + p);
      FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * ldb + p),
          b3 = FloatVector.fromArray(S, b, bo + 3 * ldb + p);
      FloatVector x = FloatVector.fromArray(S, a, ao + p);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      s02 = x.fma(b2, s02);
      s03 = x.fma(b3, s03);
      x = FloatVector.fromArray(S, a, ao + lda + p);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      s12 = x.fma(b2, s12);
      s13 = x.fma(b3, s13);
      x = FloatVector.fromArray(S, a, ao + 2 * lda + p);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      s22 = x.fma(b2, s22);
      s23 = x.fma(b3, s23);
      x = FloatVector.fromArray(S, a, ao + 3 * lda + p);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      s32 = x.fma(b2, s32);
      s33 = x.fma(b3, s33);
    }
    // Lanes go to memory and are summed there in a fixed order: handing the vectors to a helper
    // would box them (and, C2 then boxing inside the loop too, cost 20 times the speed). Each goes
    // through 1·s (exact, -0 and NaN included): a store whose receiver is a loop variable is a
    // call C2 may fail to make an intrinsic, and then it boxes the accumulators inside the loop
    // (an RBM step allocated gigabytes a second there).
    FloatVector one = FloatVector.broadcast(S, 1f);
    one.mul(s00).intoArray(scratch, 0);
    one.mul(s01).intoArray(scratch, L);
    one.mul(s02).intoArray(scratch, 2 * L);
    one.mul(s03).intoArray(scratch, 3 * L);
    one.mul(s10).intoArray(scratch, 4 * L);
    one.mul(s11).intoArray(scratch, 5 * L);
    one.mul(s12).intoArray(scratch, 6 * L);
    one.mul(s13).intoArray(scratch, 7 * L);
    one.mul(s20).intoArray(scratch, 8 * L);
    one.mul(s21).intoArray(scratch, 9 * L);
    one.mul(s22).intoArray(scratch, 10 * L);
    one.mul(s23).intoArray(scratch, 11 * L);
    one.mul(s30).intoArray(scratch, 12 * L);
    one.mul(s31).intoArray(scratch, 13 * L);
    one.mul(s32).intoArray(scratch, 14 * L);
    one.mul(s33).intoArray(scratch, 15 * L);
    reduce16(scratch);
    for (int r = 0; r < 4; r++) {
      for (int q = 0; q < 4; q++) {
        float sum = scratch[(r * 4 + q) * L];
        int ci = co + r * ldc + q;
        c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
      }
    }
    if (bound < k) tail(bound, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc);
  }

  /**
   * Adds the last {@code k − from} < 16 products of a 4×4 block. Kept apart from the vector loop:
   * with a masked tail inside it, the method grew too large for C1 ("out of virtual registers"),
   * never reached C2, and ran the Vector API's Java fallback, 50 times slower.
   */
  private static void tail(
      int from,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float[] c,
      int co,
      int ldc) {
    tail(from, k, alpha, a, ao, lda, b, bo, ldb, c, co, ldc, 4);
  }

  /** The same for the first {@code rows} rows of the block. */
  private static void tail(
      int from,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float[] c,
      int co,
      int ldc,
      int rows) {
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < 4; q++) {
        float s = 0;
        for (int p = from; p < k; p++) s += a[ao + r * lda + p] * b[bo + q * ldb + p];
        c[co + r * ldc + q] += alpha * s;
      }
    }
  }

  /** Swaps the halves of a 512-bit vector (not used with 256-bit ones). */
  private static final jdk.incubator.vector.VectorShuffle<Float> SWAP8 =
      jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ (L / 2));

  private static final jdk.incubator.vector.VectorShuffle<Float> SWAP4 =
      jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ 4);
  private static final jdk.incubator.vector.VectorShuffle<Float> SWAP2 =
      jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ 2);
  private static final jdk.incubator.vector.VectorShuffle<Float> SWAP1 =
      jdk.incubator.vector.VectorShuffle.fromOp(S, i -> i ^ 1);

  /**
   * Sums each of the 16 rows of L lanes in {@code x} into the row's first lane, by a fixed
   * butterfly of lane swaps and adds (exact operations in a fixed order: the same bits in every JIT
   * tier, and four times cheaper than scalar sums).
   */
  static void reduce16(float[] x) {
    reduceRows(x, 16);
  }

  /** {@link #reduce16} for the first {@code rows} rows. */
  static void reduceRows(float[] x, int rows) {
    for (int r = 0; r < rows; r++) {
      FloatVector v = FloatVector.fromArray(S, x, r * L);
      if (L == 16) v = v.add(v.rearrange(SWAP8));
      v = v.add(v.rearrange(SWAP4));
      v = v.add(v.rearrange(SWAP2));
      v = v.add(v.rearrange(SWAP1));
      v.intoArray(x, r * L);
    }
  }

  /**
   * The L lanes at {@code off}, summed pairwise in a fixed order (the same bits in every JIT tier).
   */
  static float sumLanes(float[] x, int off) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < L; i += 4) {
      s0 += x[off + i];
      s1 += x[off + i + 1];
      s2 += x[off + i + 2];
      s3 += x[off + i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void small(
      int mr,
      int nr,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc) {
    int bound = S.loopBound(k);
    for (int r = 0; r < mr; r++) {
      for (int q = 0; q < nr; q++) {
        FloatVector s = FloatVector.zero(S);
        int ar = ao + r * lda, br = bo + q * ldb;
        int p = 0;
        for (; p < bound; p += L)
          s = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromArray(S, b, br + p), s);
        float[] lanes = new float[L];
        FloatVector.broadcast(S, 1f).mul(s).intoArray(lanes, 0);
        float sum = sumLanes(lanes, 0);
        for (; p < k; p++) sum += a[ar + p] * b[br + p];
        int ci = co + r * ldc + q;
        c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
      }
    }
  }
}
