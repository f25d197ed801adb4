package dev.dendrite.kernels;

import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java SGEMM: {@code C = alpha·op(A)·op(B) + beta·C}, row-major, on the Vector API.
 *
 * <p>Blocked as BLIS does it, with the block sizes of {@link GemmBlocking} (from the CPU's caches):
 * for each nc-wide block of columns and kc-deep block of the depth, B's kc×nc block is packed into
 * nr-column micro-panels (kept in L3), then each thread packs an mc×kc block of A into mr-row
 * micro-panels (kept in its L2) and runs the register tile over it, one B micro-panel (kept in L1)
 * against all of its A micro-panels. The register tile is 12×32 with 512-bit vectors ({@link
 * Micro}) and 4×16 with 256-bit ones ({@link GemmMicro256}). B is read in place when A has few rows
 * (an MLP's batch of 64: too little reuse to pay for packing), A when C has few columns. {@code
 * A·Bᵀ} with few rows of A (a Linear layer's forward pass) uses a dot-product tile that needs no
 * packing at all.
 *
 * <p>Threads split the rows of A, each packing its own; a product with too few rows for that splits
 * the columns of B instead, over a shared packed A.
 */
final class GemmJava {
  /** The blocking of this machine. */
  static final GemmBlocking BLOCKING = GemmBlocking.current();

  /** The species of the unpacked kernels ({@link DotTiles}, {@link ShallowTiles}). */
  static final VectorSpecies<Float> S = BLOCKING.species();

  static final int L = S.length();

  /** Below this many multiply-adds, everything runs on the calling thread. */
  static final long SERIAL_WORK = 1L << 18;

  /**
   * Multiply-adds that each thread of a split product gets at least (about 20 µs at 100 GFLOPS):
   * handing work to another core and gathering it costs a few µs and its share of B is read from
   * the other core's caches, so a product is split only when every share dwarfs that.
   */
  static final long THREAD_WORK = Long.getLong("dendrite.gemm.threadWork", 1L << 20);

  /** Packing of fewer floats (B's block, and A's rows when split by columns) runs on one thread. */
  static final long PACK_WORK = Long.getLong("dendrite.gemm.packWork", SERIAL_WORK);

  /** A has at least this many rows before B is packed; below, B is read in place. */
  static final int PACK_B_ROWS = Integer.getInteger("dendrite.gemm.packBRows", 64);

  /** Per-thread buffers: packed A, packed B, a packed narrow B panel, a partial tile of C. */
  private static final ThreadLocal<float[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new float[4][0]);

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
    sgemm(BLOCKING, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
  }

  /** The product with a given blocking (tests run the 256-bit tile on a 512-bit machine). */
  static void sgemm(
      GemmBlocking bl,
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
    sgemm(bl, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc, null);
  }

  /**
   * The product, reading alpha·op(A) from {@code pre} when the product runs on the packed register
   * tile and {@code pre} holds this A (else, or when null, as without it).
   */
  static void sgemm(
      GemmBlocking bl,
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
      int ldc,
      PackedA pre) {
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0) {
      scale(m, n, beta, c, co, ldc);
      return;
    }
    if (tb && !ta && k < L) {
      // Shallower than one vector (a Linear layer over 4 inputs): the dot tiles would do every
      // element as a scalar dot product (40 % of a DQN step); B's transpose is n·k floats.
      float[] bt = new float[k * n];
      for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) bt[p * n + j] = b[bo + j * ldb + p];
      ShallowTiles.run(m, n, k, alpha, a, ao, lda, bt, 0, n, beta, c, co, ldc);
      return;
    }
    // Few rows of A, or few rows of B (a classifier's or a Q-network's last layer, whose columns
    // would fill a register tile's 32 to 2): dot products of rows, nothing packed. From 48 rows on
    // one thread, packing B's transpose (in registers) and the register tile win (64×256·256ᵀ:
    // 124 → 83 µs); on two, the dot tiles split better up to 64 rows (78 against 88 µs), while
    // the rows of B are long against their number: a short depth leaves each dot product with
    // few vectors to amortise its lane sums over (2 threads, 64 rows: 784 wide from 256, 212
    // against 186 µs; the DCGAN generator's 6272 wide from 100, 1894 against 564 µs).
    if (tb && !ta && (n <= 16 || m < 48 || (m <= 64 && threadsFor(m, n, k) > 1 && dotsPay(n, k)))) {
      DotTiles.run(m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    if (k <= 16 && !ta && !tb) {
      ShallowTiles.run(m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    if (ta && !tb && n <= 64 && m >= 4 * n && (k >= 256 || n < 16)) {
      transposed(bl, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
      return;
    }
    // Reduce to C = A·B or C += A·B: beta is applied to C first, alpha while packing A.
    if (beta != 0f && beta != 1f) scale(m, n, beta, c, co, ldc);
    // B is read in place only while its rows lie close together: rows 50 KB apart (im2col's N·L
    // columns), freshly written and cold, cost a TLB miss per k step; packing streams them instead.
    boolean packB = tb || m > PACK_B_ROWS || ldb > 4096;
    // With few columns the product is too short to pay for packing A (im2col's 64 channels).
    boolean packA = ta || n > 64 || alpha != 1f;
    PackedA packed = packA && pre != null && pre.fits(bl, ta, m, k, alpha) ? pre : null;
    new Blocked(bl, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta != 0f, c, co, ldc, packed)
        .run(packA, packB);
  }

  /** Whether two threads' dot tiles beat the packed tile on up to 64 rows of x·Wᵀ. */
  private static boolean dotsPay(int n, int k) {
    return 2 * k >= n || (long) n * k < 1 << 16;
  }

  /** Threads for a product of m·n·k multiply-adds. */
  static int threadsFor(int m, int n, int k) {
    long work = (long) m * n * k;
    if (work < SERIAL_WORK || Parallel.inside()) return 1;
    return (int) Math.clamp(work / THREAD_WORK, 1, Parallel.threads());
  }

  /** One blocked product {@code C (+)= alpha·op(A)·op(B)}: the loops around the register tile. */
  private record Blocked(
      GemmBlocking bl,
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
      boolean accumulate,
      float[] c,
      int co,
      int ldc,
      PackedA pre) {

    void run(boolean packA, boolean packB) {
      int mr = bl.mr(), nr = bl.nr(), kcMax = Math.min(bl.kc(), k), ncMax = Math.min(bl.nc(), n);
      int threads = threadsFor(m, n, k);
      // Rows per task: a few tasks per thread, so that a slow core delays the end little, but no
      // more than mc (the A block must stay in L2).
      int perTask = Math.min(bl.mc(), roundUp((m + 2 * threads - 1) / (2 * threads), mr));
      // Too few rows to give each thread blocks of a few tiles: split the columns instead.
      boolean byColumns = threads > 1 && m < 8 * mr * threads && m <= bl.mc();
      int rowTasks = byColumns ? 1 : (m + perTask - 1) / perTask;
      float[][] own = BUFFERS.get();
      int ncPanels = (ncMax + nr - 1) / nr;
      float[] bp = packB ? grow(own, 1, ncPanels * nr * kcMax) : null;
      int mPanels = (m + mr - 1) / mr;
      float[] sharedA =
          byColumns && packA && pre == null ? grow(own, 0, mPanels * mr * kcMax) : null;
      for (int jc = 0; jc < n; jc += bl.nc()) {
        int nc = Math.min(bl.nc(), n - jc), nPanels = (nc + nr - 1) / nr;
        for (int pc = 0; pc < k; pc += bl.kc()) {
          int kc = Math.min(bl.kc(), k - pc), jcf = jc, pcf = pc;
          boolean add = accumulate || pc > 0;
          // Pack B's kc×nc block (and, splitting by columns, all of A's rows) together; split by
          // columns, each task packs its own panels of B instead, in the region that uses them.
          int bTasks = packB && !byColumns ? nPanels : 0, aTasks = sharedA != null ? mPanels : 0;
          parallel(
              threads,
              bTasks + aTasks,
              PACK_WORK,
              (long) (bTasks > 0 ? nc : 0) * kc + (long) (aTasks > 0 ? m : 0) * kc,
              t -> {
                if (t < bTasks) {
                  int j = jcf + t * nr;
                  GemmPack.packB(
                      bl.nr(), tb, b, bo, ldb, pcf, kc, j, Math.min(nr, n - j), bp, t * nr * kc);
                } else {
                  int ip = t - bTasks, i = ip * mr;
                  GemmPack.packA(
                      bl.mr(),
                      ta,
                      a,
                      ao,
                      lda,
                      i,
                      Math.min(mr, m - i),
                      pcf,
                      kc,
                      alpha,
                      sharedA,
                      ip * mr * kc);
                }
              });
          if (byColumns) {
            // Groups of column panels, a few per thread; every group runs all rows.
            int groups = Math.min(nPanels, 4 * threads), per = (nPanels + groups - 1) / groups;
            int tasks = (nPanels + per - 1) / per;
            parallel(
                threads,
                tasks,
                Long.MAX_VALUE,
                t -> {
                  int p0 = t * per, p1 = Math.min(nPanels, (t + 1) * per);
                  for (int p = p0; p < p1 && packB; p++) {
                    int j = jcf + p * nr;
                    GemmPack.packB(
                        bl.nr(), tb, b, bo, ldb, pcf, kc, j, Math.min(nr, n - j), bp, p * nr * kc);
                  }
                  block(
                      pre != null ? pre.data : packA ? sharedA : null,
                      pre != null ? pcf * pre.mPad : 0,
                      0,
                      m,
                      p0,
                      p1,
                      jcf,
                      pcf,
                      kc,
                      bp,
                      add);
                });
          } else {
            parallel(
                threads,
                rowTasks,
                Long.MAX_VALUE,
                t -> {
                  int i0 = t * perTask, i1 = Math.min(m, i0 + perTask);
                  float[] ap = null;
                  int apOff = 0;
                  if (pre != null) {
                    ap = pre.data;
                    apOff = pcf * pre.mPad + i0 * kc;
                  } else if (packA) {
                    int panels = (i1 - i0 + mr - 1) / mr;
                    ap = grow(BUFFERS.get(), 0, panels * mr * kc);
                    for (int p = 0; p < panels; p++) {
                      int i = i0 + p * mr;
                      GemmPack.packA(
                          bl.mr(),
                          ta,
                          a,
                          ao,
                          lda,
                          i,
                          Math.min(mr, i1 - i),
                          pcf,
                          kc,
                          alpha,
                          ap,
                          p * mr * kc);
                    }
                  }
                  block(ap, apOff, i0, i1, 0, nPanels, jcf, pcf, kc, bp, add);
                });
          }
        }
      }
    }

    /**
     * Rows i0..i1 of C times the column panels q0..q1 of the block at column jc, depth pc..pc+kc:
     * one B micro-panel at a time (in L1) against every A micro-panel of the rows (in L2). A is
     * packed in {@code ap} from row i0 on at {@code apOff}, or read in place when null.
     */
    private void block(
        float[] ap,
        int apOff,
        int i0,
        int i1,
        int q0,
        int q1,
        int jc,
        int pc,
        int kc,
        float[] bp,
        boolean add) {
      int mr = bl.mr(), nr = bl.nr();
      boolean big = bl.vectorBits() == 512;
      float[][] own = BUFFERS.get();
      for (int q = q0; q < q1; q++) {
        int j = jc + q * nr, nq = Math.min(nr, n - j);
        float[] bs = bp != null ? bp : b;
        int bOff = bp != null ? q * nr * kc : bo + pc * ldb + j;
        int bK = bp != null ? nr : ldb;
        // A narrow last panel read in place is packed here, once for all the rows, so that it runs
        // on the register tiles (zero columns past n) instead of the one-row edge loop, whether A
        // is packed or read in place (a convolution's weights against a small image's columns).
        if (bp == null && nq < nr) {
          float[] edgeB = grow(own, 2, nr * kc);
          GemmPack.packB(bl.nr(), false, b, bo, ldb, pc, kc, j, nq, edgeB, 0);
          bs = edgeB;
          bOff = 0;
          bK = nr;
        }
        boolean wide = bs != b; // nr columns readable, zero past n
        for (int i = i0; i < i1; i += mr) {
          int mi = Math.min(mr, i1 - i), cOff = co + i * ldc + j;
          int aOff = ap != null ? apOff + (i - i0) * kc : ao + i * lda + pc;
          if (big) tile512(kc, mi, nq, ap, aOff, bs, bOff, bK, wide, cOff, add, own);
          else tile256(kc, mi, nq, ap, aOff, bs, bOff, bK, wide, cOff, add, own);
        }
      }
    }

    /** One tile of at most 12×32 with the 512-bit kernels; ap null: A in place. */
    private void tile512(
        int kc,
        int mi,
        int nq,
        float[] ap,
        int aOff,
        float[] bs,
        int bOff,
        int bK,
        boolean wide,
        int cOff,
        boolean add,
        float[][] own) {
      final int mr = 12, nr = 32;
      if (mi == mr && nq == nr) {
        if (ap != null) Micro.kernel(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
        else Micro.kernelInPlace(kc, a, aOff, lda, bs, bOff, bK, c, cOff, ldc, add);
      } else if (ap != null && nq == nr && (mi == 8 || mi == 4)) {
        if (mi == 8) Micro.kernel8(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
        else Micro.kernel4(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
      } else if (ap != null && (nq == nr || wide)) {
        // Whole-width loads are safe here: compute the tile aside with the smallest kernel that
        // covers its rows, keep the valid part.
        float[] tmp = grow(own, 3, mr * nr);
        if (mi <= 4) Micro.kernel4(kc, ap, aOff, bs, bOff, bK, tmp, 0, nr, false);
        else if (mi <= 8) Micro.kernel8(kc, ap, aOff, bs, bOff, bK, tmp, 0, nr, false);
        else Micro.kernel(kc, ap, aOff, bs, bOff, bK, tmp, 0, nr, false);
        copyTile(tmp, nr, mi, nq, cOff, add);
      } else if (wide && mi == mr) {
        // A in place, all twelve rows there: the same aside, from A's rows.
        float[] tmp = grow(own, 3, mr * nr);
        Micro.kernelInPlace(kc, a, aOff, lda, bs, bOff, bK, tmp, 0, nr, false);
        copyTile(tmp, nr, mi, nq, cOff, add);
      } else if (ap != null) {
        MicroEdge.edge(kc, mi, nq, ap, aOff, 1, mr, bs, bOff, bK, c, cOff, ldc, add);
      } else {
        MicroEdge.edge(kc, mi, nq, a, aOff, lda, 1, bs, bOff, bK, c, cOff, ldc, add);
      }
    }

    /** One tile of at most 4×16 with the 256-bit kernels; ap null: A in place. */
    private void tile256(
        int kc,
        int mi,
        int nq,
        float[] ap,
        int aOff,
        float[] bs,
        int bOff,
        int bK,
        boolean wide,
        int cOff,
        boolean add,
        float[][] own) {
      final int mr = GemmMicro256.MR, nr = GemmMicro256.NR;
      if (mi == mr && nq == nr) {
        if (ap != null) GemmMicro256.kernel(kc, ap, aOff, bs, bOff, bK, c, cOff, ldc, add);
        else GemmMicro256.kernelInPlace(kc, a, aOff, lda, bs, bOff, bK, c, cOff, ldc, add);
      } else if (ap != null && (nq == nr || wide)) {
        float[] tmp = grow(own, 3, mr * nr);
        GemmMicro256.kernel(kc, ap, aOff, bs, bOff, bK, tmp, 0, nr, false);
        copyTile(tmp, nr, mi, nq, cOff, add);
      } else if (wide && mi == mr) {
        float[] tmp = grow(own, 3, mr * nr);
        GemmMicro256.kernelInPlace(kc, a, aOff, lda, bs, bOff, bK, tmp, 0, nr, false);
        copyTile(tmp, nr, mi, nq, cOff, add);
      } else if (ap != null) {
        GemmMicro256.edge(kc, mi, nq, ap, aOff, 1, mr, bs, bOff, bK, c, cOff, ldc, add);
      } else {
        GemmMicro256.edge(kc, mi, nq, a, aOff, lda, 1, bs, bOff, bK, c, cOff, ldc, add);
      }
    }

    private void copyTile(float[] tmp, int nr, int mi, int nq, int cOff, boolean add) {
      for (int r = 0; r < mi; r++) {
        for (int col = 0; col < nq; col++) {
          int ci = cOff + r * ldc + col;
          c[ci] = add ? c[ci] + tmp[r * nr + col] : tmp[r * nr + col];
        }
      }
    }
  }

  private static int roundUp(int x, int multiple) {
    return (x + multiple - 1) / multiple * multiple;
  }

  /**
   * C = alpha·Aᵀ·B + beta·C with few columns (a weight gradient gᵀ·x over a long batch, x narrow:
   * the LSTM's 512×28 input weights over 1,792 rows). Packing Aᵀ would copy all m·k of it for only
   * n products per element; the transposed problem Cᵀ = Bᵀ·A packs the narrow B instead and reads A
   * in place, and Cᵀ (n × m, small) is then added into C.
   */
  private static void transposed(
      GemmBlocking bl,
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
    sgemm(bl, true, false, n, m, k, alpha, b, bo, ldb, a, ao, lda, 0f, ct, 0, m);
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

  /** Runs the tasks on up to {@code threads} threads, or inline when the work is small. */
  private static void parallel(
      int threads, int tasks, long work, java.util.function.IntConsumer body) {
    parallel(threads, tasks, SERIAL_WORK, work, body);
  }

  /** As above, inline below {@code threshold}. */
  private static void parallel(
      int threads, int tasks, long threshold, long work, java.util.function.IntConsumer body) {
    if (tasks <= 0) return;
    if (threads == 1 || tasks == 1 || work < threshold) {
      for (int t = 0; t < tasks; t++) body.accept(t);
    } else {
      Parallel.forEach(tasks, body);
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
