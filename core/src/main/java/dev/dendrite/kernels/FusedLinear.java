package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Linear layer's forward, {@code y = act(x·Wᵀ + b)}: the product on {@link Gemm}, then the bias
 * and the activation in one pass over the output right after it, while the output is still in cache
 * (64×256 floats are 64 KiB), instead of an addition and an activation that each read and write the
 * whole output from a fresh array.
 *
 * <p>The values are those of the product, the addition and the activation in turn, bit for bit: the
 * same GEMM call, then {@code y + b} and {@code y > 0 ? y : 0} (NaN stays NaN, −0 becomes 0) on
 * each element.
 */
public final class FusedLinear {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Below this many output values, the bias pass runs on the calling thread. */
  private static final int GRAIN = 1 << 15;

  private FusedLinear() {}

  /** The activation applied with the bias. */
  public enum Act {
    NONE,
    RELU
  }

  /**
   * {@code y[yo + i·out + j] = act(Σ_k x[xo + i·in + k]·w[wo + j·in + k] + b[bo + j])} for a
   * row-major x (n, in), weight (out, in) and y (n, out); {@code b} may be null (no bias).
   */
  public static void forward(
      int n,
      int in,
      int out,
      float[] x,
      int xo,
      float[] w,
      int wo,
      float[] b,
      int bo,
      Act act,
      float[] y,
      int yo) {
    Gemm.sgemm(false, true, n, out, in, 1f, x, xo, in, w, wo, in, 0f, y, yo, out);
    if (b == null && act == Act.NONE) return;
    if ((long) n * out <= GRAIN || Parallel.threads() == 1) {
      biasAct(y, yo, 0, n, out, b, bo, act);
      return;
    }
    int rowsPer = Math.max(1, GRAIN / out);
    Parallel.forRange(n, rowsPer, (from, to) -> biasAct(y, yo, from, to, out, b, bo, act));
  }

  /** Rows {@code [from, to)} of y (n, out): {@code act(y + b)} in place. */
  public static void biasAct(
      float[] y, int yo, int from, int to, int out, float[] b, int bo, Act act) {
    int bound = S.loopBound(out);
    boolean relu = act == Act.RELU;
    for (int r = from; r < to; r++) {
      int ro = yo + r * out;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector v = FloatVector.fromArray(S, y, ro + j);
        if (b != null) v = v.add(FloatVector.fromArray(S, b, bo + j));
        if (relu) v = v.blend(0f, v.compare(VectorOperators.LE, 0f));
        v.intoArray(y, ro + j);
      }
      for (; j < out; j++) {
        float v = y[ro + j];
        if (b != null) v += b[bo + j];
        if (relu) v = v > 0 ? v : (v != v ? v : 0f);
        y[ro + j] = v;
      }
    }
  }
}
