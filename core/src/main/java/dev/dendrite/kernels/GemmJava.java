package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java SGEMM: {@code C = alpha·op(A)·op(B) + beta·C}, row-major, on the Vector API.
 *
 * <p>A 12×32 register tile (24 accumulator vectors of 16 floats) runs over the k dimension with
 * twelve broadcasts of A and two loads of B per step: 24 FMAs against 14 loads, so the FMA units
 * set the pace. A is always packed into 12-row panels (cheap: m·k copies against m·n·k products); B
 * is packed into 32-column panels unless A has few rows (an MLP's batch of 64), where B is read in
 * place. {@code A·Bᵀ} with few rows of A (a Linear layer's forward pass) uses a dot-product tile
 * that needs no packing at all.
 *
 * <p>Work is split into tiles that threads of {@link Parallel} claim one at a time.
 */
final class GemmJava {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static final int L = 16;
  static final int MR = 12, NR = 32;

  /**
   * Depth of one packed block: a B panel of 32 × 512 floats is 64 KiB, in L2 and streaming well.
   */
  static final int KC = Integer.getInteger("dendrite.gemm.kc", 256);

  /** Rows of A per packing round, to bound the packed buffer. */
  static final int MC = 3072;

  /** Below this many multiply-adds, everything runs on the calling thread. */
  static final long SERIAL_WORK = 1L << 18;

  /** A has at least this many rows before B is packed; below, B is read in place. */
  static final int PACK_B_ROWS = Integer.getInteger("dendrite.gemm.packBRows", 64);

  private static final ThreadLocal<float[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new float[2][0]);

  private GemmJava() {}

  static void sgemm(
      boolean ta,
      boolean tb,
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
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0) {
      scale(m, n, beta, c, co, ldc);
      return;
    }
    if (tb && !ta && m <= 64) {
      DotTiles.run(m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    if (k <= 16 && !ta && !tb) {
      ShallowTiles.run(m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    if (ta && !tb && n <= 64 && m >= 4 * n && k >= 256) {
      transposed(m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    // Reduce to C = A·B or C += A·B: beta is applied to C first, alpha while packing (or after).
    if (beta != 0f && beta != 1f) scale(m, n, beta, c, co, ldc);
    boolean accumulate = beta != 0f;
    // B is read in place only while its rows lie close together: rows 50 KB apart (im2col's N·L
    // columns), freshly written and cold, cost a TLB miss per k step; packing streams them instead.
    boolean packB = tb || m > PACK_B_ROWS || ldb > 4096;
    // With few columns the product is too short to pay for packing A (im2col's 64 channels).
    boolean packA = ta || n > 64 || alpha != 1f;
    float[][] buf = BUFFERS.get();
    int bPanels = (n + NR - 1) / NR;
    float[] bp = packB ? grow(buf, 1, bPanels * NR * k) : null;
    for (int ic = 0; ic < m; ic += MC) {
      int mc = Math.min(MC, m - ic);
      int aPanels = (mc + MR - 1) / MR, kBlocks = (k + KC - 1) / KC;
      float[] ap = packA ? grow(buf, 0, aPanels * MR * k) : null;
      // One pass packs every panel of A (this row chunk) and, the first time, of B, for all
      // k-blocks.
      int aTasks = packA ? aPanels * kBlocks : 0, bTasks = packB && ic == 0 ? bPanels * kBlocks : 0;
      int icf = ic;
      runTasks(
          aTasks + bTasks,
          (long) (packA ? mc : 0) * k + (bTasks > 0 ? (long) n * k : 0),
          t -> {
            if (t < aTasks) {
              int kb = t / aPanels, ip = t % aPanels, pc = kb * KC, kc = Math.min(KC, k - pc);
              packA(
                  ta,
                  a,
                  ao,
                  lda,
                  icf + ip * MR,
                  Math.min(MR, mc - ip * MR),
                  pc,
                  kc,
                  alpha,
                  ap,
                  aPanels * MR * pc + ip * MR * kc);
            } else {
              int u = t - aTasks,
                  kb = u / bPanels,
                  jp = u % bPanels,
                  pc = kb * KC,
                  kc = Math.min(KC, k - pc);
              packB(
                  tb,
                  b,
                  bo,
                  ldb,
                  pc,
                  kc,
                  jp * NR,
                  Math.min(NR, n - jp * NR),
                  bp,
                  bPanels * NR * pc + jp * NR * kc);
            }
          });
      compute(
          mc, n, k, a, ao + ic * lda, lda, ap, b, bo, ldb, bp, accumulate, c, co + ic * ldc, ldc);
    }
  }

  /**
   * C = alpha·Aᵀ·B + beta·C with few columns (a weight gradient gᵀ·x over a long batch, x narrow:
   * the LSTM's 512×28 input weights over 1,792 rows). Packing Aᵀ would copy all m·k of it for only
   * n products per element; the transposed problem Cᵀ = Bᵀ·A packs the narrow B instead and reads A
   * in place, and Cᵀ (n × m, small) is then added into C.
   */
  private static void transposed(
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
    float[] ct = new float[n * m];
    sgemm(true, false, n, m, k, alpha, b, bo, ldb, a, ao, lda, 0f, ct, 0, m);
    for (int i = 0; i < m; i++) {
      int row = co + i * ldc;
      for (int j = 0; j < n; j++) {
        float v = ct[j * m + i];
        c[row + j] = beta == 0f ? v : beta * c[row + j] + v;
      }
    }
  }

  private static float[] grow(float[][] buf, int which, int size) {
    if (buf[which].length < size) buf[which] = new float[Math.max(size, buf[which].length * 3 / 2)];
    return buf[which];
  }

  private static void runTasks(int tasks, long work, java.util.function.IntConsumer body) {
    if (work < SERIAL_WORK || tasks == 1) {
      for (int t = 0; t < tasks; t++) body.accept(t);
    } else {
      Parallel.forEach(tasks, body);
    }
  }

  /**
   * Computes mc rows of C over the whole depth, tile by tile; a tile runs its k-blocks in turn,
   * adding into C after the first. A is packed ({@code ap}) or read in place (row-major at ao).
   */
  private static void compute(
      int mc,
      int n,
      int k,
      float[] a,
      int ao,
      int lda,
      float[] ap,
      float[] b,
      int bo,
      int ldb,
      float[] bp,
      boolean accumulate,
      float[] c,
      int co,
      int ldc) {
    int mPanels = (mc + MR - 1) / MR, nPanels = (n + NR - 1) / NR;
    long work = (long) mc * n * k;
    int threads = work < SERIAL_WORK ? 1 : Parallel.threads();
    // Tiles of tm×tn panels: big enough to reuse a B panel across rows, many enough to balance.
    int tm = Math.min(mPanels, 8), tn = Math.min(nPanels, 8);
    while (tileCount(mPanels, nPanels, tm, tn) < 4 * threads && (tn > 1 || tm > 1)) {
      if (tn >= tm && tn > 1) tn = (tn + 1) / 2;
      else tm = (tm + 1) / 2;
    }
    int colTiles = (nPanels + tn - 1) / tn;
    int tiles = ((mPanels + tm - 1) / tm) * colTiles;
    int ftm = tm, ftn = tn;
    java.util.function.IntConsumer tile =
        t -> {
          int p0 = (t / colTiles) * ftm, p1 = Math.min(mPanels, p0 + ftm);
          int q0 = (t % colTiles) * ftn, q1 = Math.min(nPanels, q0 + ftn);
          float[] tmp = null, edgeB = null;
          // Column panel, then depth, then rows: one B panel serves every row panel of the tile,
          // and
          // the C block of a column panel (≤ 96×32) stays in L1 across the k-blocks.
          for (int q = q0; q < q1; q++) {
            int j = q * NR, nr = Math.min(NR, n - j);
            for (int pc = 0; pc < k; pc += KC) {
              int kc = Math.min(KC, k - pc);
              boolean add = accumulate || pc > 0;
              // B of this column panel: packed (stride 32) or in place (stride ldb). A narrow last
              // panel
              // read in place is packed here, once for all the tile's rows, so that it runs on the
              // register tiles (zero columns past n) instead of the one-row edge loop.
              float[] bs = bp != null ? bp : b;
              int bOff = bp != null ? nPanels * NR * pc + q * NR * kc : bo + pc * ldb + j;
              int bK = bp != null ? NR : ldb;
              if (bp == null && nr < NR && ap != null) {
                if (edgeB == null) edgeB = new float[NR * Math.min(KC, k)];
                packB(false, b, bo, ldb, pc, kc, j, nr, edgeB, 0);
                bs = edgeB;
                bOff = 0;
                bK = NR;
              }
              boolean wide = bs != b; // 32 columns readable, zero past n
              for (int p = p0; p < p1; p++) {
                int i = p * MR, mr = Math.min(MR, mc - i);
                int cOff = co + i * ldc + j;
                int aOff = ap != null ? mPanels * MR * pc + p * MR * kc : ao + i * lda + pc;
                if (mr == MR && nr == NR) {
                  if (ap != null) Micro.kernel(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
                  else Micro.kernelInPlace(kc, a, aOff, lda, bs, bOff, bK, c, cOff, ldc, add);
                } else if (ap != null && nr == NR && (mr == 8 || mr == 4)) {
                  if (mr == 8) Micro.kernel8(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
                  else Micro.kernel4(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
                } else if (ap != null && (nr == NR || wide)) {
                  // Whole-width loads are safe here: compute the tile aside with the smallest
                  // kernel
                  // that covers its rows, keep the valid part.
                  if (tmp == null) tmp = new float[MR * NR];
                  if (mr <= 4) Micro.kernel4(kc, ap, aOff, bs, bOff, bK, tmp, 0, NR, false);
                  else if (mr <= 8) Micro.kernel8(kc, ap, aOff, bs, bOff, bK, tmp, 0, NR, false);
                  else Micro.kernel(kc, ap, aOff, bs, bOff, bK, tmp, 0, NR, false);
                  for (int r = 0; r < mr; r++) {
                    for (int col = 0; col < nr; col++) {
                      int ci = cOff + r * ldc + col;
                      c[ci] = add ? c[ci] + tmp[r * NR + col] : tmp[r * NR + col];
                    }
                  }
                } else if (ap != null) {
                  Micro.edge(kc, mr, nr, ap, aOff, 1, MR, bs, bOff, bK, c, cOff, ldc, add);
                } else {
                  Micro.edge(kc, mr, nr, a, aOff, lda, 1, bs, bOff, bK, c, cOff, ldc, add);
                }
              }
            }
          }
        };
    if (threads == 1) {
      for (int t = 0; t < tiles; t++) tile.accept(t);
    } else {
      Parallel.forEach(tiles, tile);
    }
  }

  private static int tileCount(int mp, int np, int tm, int tn) {
    return ((mp + tm - 1) / tm) * ((np + tn - 1) / tn);
  }

  /**
   * Packs rows i..i+mr, depth pc..pc+kc of alpha·op(A) into a 12-row panel: {@code ap[p·12 + r]};
   * missing rows are 0.
   */
  static void packA(
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
        int src = ao + (pc + p) * lda + i, dst = off + p * MR;
        for (int r = 0; r < mr; r++) ap[dst + r] = alpha * a[src + r];
        for (int r = mr; r < MR; r++) ap[dst + r] = 0f;
      }
    } else {
      for (int r = 0; r < MR; r++) {
        if (r < mr) {
          int src = ao + (i + r) * lda + pc;
          for (int p = 0; p < kc; p++) ap[off + p * MR + r] = alpha * a[src + p];
        } else {
          for (int p = 0; p < kc; p++) ap[off + p * MR + r] = 0f;
        }
      }
    }
  }

  /**
   * Packs depth pc..pc+kc, columns j..j+nr of op(B) into a 32-column panel: {@code bp[p·32 + c]};
   * missing columns are 0.
   */
  static void packB(
      boolean tb, float[] b, int bo, int ldb, int pc, int kc, int j, int nr, float[] bp, int off) {
    if (!tb) {
      if (nr == NR) {
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * NR;
          FloatVector.fromArray(S, b, src).intoArray(bp, dst);
          FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * NR;
          System.arraycopy(b, src, bp, dst, nr);
          java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
        }
      }
    } else {
      // B is stored n×k: read each row of it contiguously, write down a column of the panel.
      for (int col = 0; col < NR; col++) {
        if (col < nr) {
          int src = bo + (j + col) * ldb + pc;
          for (int p = 0; p < kc; p++) bp[off + p * NR + col] = b[src + p];
        } else {
          for (int p = 0; p < kc; p++) bp[off + p * NR + col] = 0f;
        }
      }
    }
  }

  /** C = beta·C (beta 0 clears, so NaN in C does not survive). */
  static void scale(int m, int n, float beta, float[] c, int co, int ldc) {
    for (int i = 0; i < m; i++) {
      int row = co + i * ldc;
      if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
      else if (beta != 1f) Elementwise.affine(c, row, c, row, n, beta, 0f);
    }
  }
}
