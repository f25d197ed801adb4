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
        else Micro.edge(kc, mr, nr, x, aOff, in, 1, wp, bk, NR, y, cOff, out, add);
        if (last) tile(y, cOff, mr, nr, out, b, bo + j, act);
      }
    }
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
