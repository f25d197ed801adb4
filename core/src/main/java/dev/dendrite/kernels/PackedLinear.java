package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inference's Linear layer on a weight packed once: {@code y = act(x·Wᵀ + b)} with Wᵀ laid out in
 * panels of 32 columns ({@code in × 32} floats each, the last one padded with zeros), so that the
 * 12×32 register tile of {@link Micro} reads the rows of x in place and the panel contiguously,
 * with no packing per batch. Bias and activation are applied to each 12×32 tile right after it is
 * stored, while it is in L1.
 *
 * <p>Every output is the sum over k in order, one fused multiply-add per term, whatever the tile,
 * the batch size or the thread count, so results do not depend on how a batch is split. They differ
 * from {@link Gemm}'s in the last bits (its tiles sum in another order).
 *
 * <p>Work is split by column panels within chunks of rows: each thread reads only its panels of the
 * weight, and a chunk of x stays in L2 while the panels pass over it.
 */
public final class PackedLinear {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int L = 16, MR = 12, NR = 32;

  /** Rows of x per chunk: 192 rows of 784 floats are 600 KB, a third of L2. */
  private static final int CHUNK_ROWS = 16 * MR;

  /** Depth of one pass: a 32-column slice of the panel, 256 × 32 floats, is 32 KiB, in L1. */
  private static final int KC = Integer.getInteger("dendrite.packedLinear.kc", 256);

  /** Below this many multiply-adds, the call runs on the calling thread. */
  private static final long SERIAL_WORK = 1L << 20;

  private PackedLinear() {}

  /** True where 16-float vectors are native (AVX-512); elsewhere the caller uses {@link Gemm}. */
  public static boolean supported() {
    return FloatVector.SPECIES_PREFERRED.length() >= L;
  }

  /** The size of {@link #pack}'s result for a weight (out, in). */
  public static int packedSize(int out, int in) {
    return (out + NR - 1) / NR * NR * in;
  }

  /**
   * Packs the row-major weight (out, in) at {@code w[wo]} into {@code wp} as Wᵀ in 32-column
   * panels.
   */
  public static void pack(float[] w, int wo, int out, int in, float[] wp) {
    // W (out, in) row-major is Wᵀ stored transposed: the GEMM's packing of a transposed B.
    for (int j = 0; j < out; j += NR)
      GemmPack.packB(NR, true, w, wo, in, 0, in, j, Math.min(NR, out - j), wp, j * in);
  }

  /**
   * {@code y[yo + i·out + j] = act(Σ_k x[xo + i·in + k]·W[j][k] + b[bo + j])} for x (n, in) and y
   * (n, out) row-major, W packed by {@link #pack}; {@code b} may be null.
   */
  public static void forward(
      int n,
      int in,
      int out,
      float[] x,
      int xo,
      float[] wp,
      float[] b,
      int bo,
      FusedLinear.Act act,
      float[] y,
      int yo) {
    int panels = (out + NR - 1) / NR, chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    if (n == 1) {
      int full = out / (4 * NR) * 4;
      for (int jp = 0; jp < full; jp += 4) row4(jp, in, out, x, xo, wp, b, bo, act, y, yo);
      for (int jp = full; jp < panels; jp++)
        task(jp, panels, 1, in, out, x, xo, wp, b, bo, act, y, yo);
      return;
    }
    int tasks = panels * chunks;
    if ((long) n * in * out < SERIAL_WORK || Parallel.threads() == 1) {
      for (int t = 0; t < tasks; t++) task(t, panels, n, in, out, x, xo, wp, b, bo, act, y, yo);
      return;
    }
    Parallel.forEach(tasks, t -> task(t, panels, n, in, out, x, xo, wp, b, bo, act, y, yo));
  }

  private static void task(
      int t,
      int panels,
      int n,
      int in,
      int out,
      float[] x,
      int xo,
      float[] wp,
      float[] b,
      int bo,
      FusedLinear.Act act,
      float[] y,
      int yo) {
    int chunk = t / panels, jp = t % panels;
    int j = jp * NR, nr = Math.min(NR, out - j), bOff = jp * NR * in;
    int end = Math.min(n, (chunk + 1) * CHUNK_ROWS);
    for (int pc = 0; pc < in; pc += KC) {
      int kc = Math.min(KC, in - pc);
      boolean add = pc > 0, last = pc + kc == in;
      for (int i = chunk * CHUNK_ROWS; i < end; i += MR) {
        int mr = Math.min(MR, end - i), cOff = yo + i * out + j, aOff = xo + i * in + pc;
        int bk = bOff + pc * NR;
        if (mr == MR && nr == NR)
          Micro.kernelInPlace(kc, x, aOff, in, wp, bk, NR, y, cOff, out, add);
        else MicroEdge.edge(kc, mr, nr, x, aOff, in, 1, wp, bk, NR, y, cOff, out, add);
        if (last) tile(y, cOff, mr, nr, out, b, bo + j, act);
      }
    }
  }

  /**
   * One row (an agent acting on one observation) against the four full panels from {@code jp}:
   * eight independent sums, where a tile of one row had two, each waiting for the latency of the
   * last multiply-add (256 → 256: 5.5 → 2.6 µs). The same sums in the same order as {@link #task}.
   */
  private static void row4(
      int jp,
      int in,
      int out,
      float[] x,
      int xo,
      float[] wp,
      float[] b,
      int bo,
      FusedLinear.Act act,
      float[] y,
      int yo) {
    int panel = NR * in, j = jp * NR;
    for (int pc = 0; pc < in; pc += KC) {
      int kc = Math.min(KC, in - pc), w = jp * panel + pc * NR;
      FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
      FloatVector s4 = s0, s5 = s0, s6 = s0, s7 = s0;
      for (int p = 0; p < kc; p++, w += NR) {
        FloatVector v = FloatVector.broadcast(S, x[xo + pc + p]);
        s0 = v.fma(FloatVector.fromArray(S, wp, w), s0);
        s1 = v.fma(FloatVector.fromArray(S, wp, w + L), s1);
        s2 = v.fma(FloatVector.fromArray(S, wp, w + panel), s2);
        s3 = v.fma(FloatVector.fromArray(S, wp, w + panel + L), s3);
        s4 = v.fma(FloatVector.fromArray(S, wp, w + 2 * panel), s4);
        s5 = v.fma(FloatVector.fromArray(S, wp, w + 2 * panel + L), s5);
        s6 = v.fma(FloatVector.fromArray(S, wp, w + 3 * panel), s6);
        s7 = v.fma(FloatVector.fromArray(S, wp, w + 3 * panel + L), s7);
      }
      int c = yo + j;
      boolean add = pc > 0;
      // The stored y or −0 plus the sum, as Micro's tiles: receivers of known class.
      FloatVector z = FloatVector.broadcast(S, -0f);
      (add ? FloatVector.fromArray(S, y, c) : z).add(s0).intoArray(y, c);
      (add ? FloatVector.fromArray(S, y, c + L) : z).add(s1).intoArray(y, c + L);
      (add ? FloatVector.fromArray(S, y, c + 2 * L) : z).add(s2).intoArray(y, c + 2 * L);
      (add ? FloatVector.fromArray(S, y, c + 3 * L) : z).add(s3).intoArray(y, c + 3 * L);
      (add ? FloatVector.fromArray(S, y, c + 4 * L) : z).add(s4).intoArray(y, c + 4 * L);
      (add ? FloatVector.fromArray(S, y, c + 5 * L) : z).add(s5).intoArray(y, c + 5 * L);
      (add ? FloatVector.fromArray(S, y, c + 6 * L) : z).add(s6).intoArray(y, c + 6 * L);
      (add ? FloatVector.fromArray(S, y, c + 7 * L) : z).add(s7).intoArray(y, c + 7 * L);
    }
    tile(y, yo + j, 1, 4 * NR, out, b, bo + j, act);
  }

  /** {@code act(y + b)} on an mr × nr tile of y, in place. */
  private static void tile(
      float[] y, int off, int mr, int nr, int ldy, float[] b, int bo, FusedLinear.Act act) {
    if (b == null && act == FusedLinear.Act.NONE) return;
    boolean relu = act == FusedLinear.Act.RELU;
    for (int r = 0; r < mr; r++) {
      int ro = off + r * ldy, c = 0;
      for (; c + L <= nr; c += L) {
        FloatVector v = FloatVector.fromArray(S, y, ro + c);
        if (b != null) v = v.add(FloatVector.fromArray(S, b, bo + c));
        if (relu) v = v.blend(0f, v.compare(VectorOperators.LE, 0f));
        v.intoArray(y, ro + c);
      }
      for (; c < nr; c++) {
        float v = y[ro + c];
        if (b != null) v += b[bo + c];
        if (relu) v = v > 0 ? v : (v != v ? v : 0f);
        y[ro + c] = v;
      }
    }
  }
}
