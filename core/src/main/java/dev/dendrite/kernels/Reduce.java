package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions over the middle axis of a contiguous {@code (outer, r, inner)} block: {@code
 * out[o·inner + i] = reduce_k a[ao + (o·r + k)·inner + i]}.
 *
 * <p>Every reduction over a set of adjacent dimensions of a row-major tensor has this form, so the
 * tensor layer needs no other entry point. Rows ({@code inner == 1}) reduce lane-wise with one
 * accumulator vector; columns ({@code inner > 1}) add whole rows vector by vector.
 */
public final class Reduce {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int GRAIN = 1 << 15;

  private Reduce() {}

  /** Sum over the middle axis. */
  public static void sum(float[] out, int oo, float[] a, int ao, int outer, int r, int inner) {
    if (inner == 1) {
      Parallel.forRange(
          outer,
          Math.max(1, GRAIN / Math.max(r, 1)),
          (from, to) -> {
            for (int o = from; o < to; o++) out[oo + o] = sumContiguous(a, ao + o * r, r);
          });
      return;
    }
    Parallel.forRange(
        outer * inner,
        Math.max(L, GRAIN / Math.max(r, 1)),
        (from, to) -> {
          // Chunk over flat (o, i) positions; each chunk is split at row boundaries of the outer
          // index.
          int p = from;
          while (p < to) {
            int o = p / inner, i0 = p % inner;
            int i1 = Math.min(inner, i0 + (to - p));
            int len = i1 - i0;
            int dst = oo + o * inner + i0;
            int src = ao + o * r * inner + i0;
            if (r == 0) {
              java.util.Arrays.fill(out, dst, dst + len, 0f);
            } else {
              System.arraycopy(a, src, out, dst, len);
              for (int k = 1; k < r; k++) Elementwise.axpy(out, dst, 1f, a, src + k * inner, len);
            }
            p += len;
          }
        });
  }

  /** Sum of the squares of {@code a[ao .. ao+n)}, in double across vectors (a gradient's norm). */
  public static double sumSquares(float[] a, int ao, int n) {
    int bound = S.loopBound(n), chunk = 64 * L;
    double total = 0;
    float[] lanes = new float[L];
    // Float lanes over chunks of 64 vectors, then double: a million squares summed in float
    // alone would lose digits a norm clip then acts on.
    for (int c0 = 0; c0 < bound; c0 += chunk) {
      FloatVector acc = FloatVector.zero(S);
      for (int i = c0, end = Math.min(bound, c0 + chunk); i < end; i += L) {
        FloatVector x = FloatVector.fromArray(S, a, ao + i);
        acc = x.fma(x, acc);
      }
      FloatVector.broadcast(S, 1f).mul(acc).intoArray(lanes, 0);
      total += DotTiles.sumLanes(lanes, 0);
    }
    for (int i = bound; i < n; i++) total += (double) a[ao + i] * a[ao + i];
    return total;
  }

  /** Sum of {@code a[ao .. ao+n)}. */
  public static float sumContiguous(float[] a, int ao, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    FloatVector acc = FloatVector.zero(S);
    FloatVector acc2 = FloatVector.zero(S);
    for (; i + L < bound; i += 2 * L) {
      acc = FloatVector.fromArray(S, a, ao + i).add(acc);
      acc2 = FloatVector.fromArray(S, a, ao + i + L).add(acc2);
    }
    for (; i < bound; i += L) acc = FloatVector.fromArray(S, a, ao + i).add(acc);
    float[] lanes = new float[L];
    // Lanes summed in memory: a vector argument to a helper would box. The receiver of every
    // vector op here is a vector of known class (a fresh load, a zero), never a loop variable:
    // C2 cannot tell a loop variable's class, calls the op instead of inlining it, and the op
    // runs its Java fallback (12 % of a DQN step's samples were there).
    FloatVector.zero(S).add(acc).add(acc2).intoArray(lanes, 0);
    float s = DotTiles.sumLanes(lanes, 0);
    for (; i < n; i++) s += a[ao + i];
    return s;
  }

  /**
   * Maximum (or minimum) over the middle axis, with the index of the first extreme value along it.
   * NaN wins, as in PyTorch. {@code idx} may be null.
   */
  public static void extreme(
      boolean min,
      float[] out,
      int oo,
      float[] idx,
      int io,
      float[] a,
      int ao,
      int outer,
      int r,
      int inner) {
    if (r == 0) throw new IllegalArgumentException("max/min of an empty dimension");
    Parallel.forRange(
        outer,
        Math.max(1, GRAIN / Math.max(1, r * inner)),
        (from, to) -> {
          for (int o = from; o < to; o++) {
            for (int i = 0; i < inner; i++) {
              int base = ao + o * r * inner + i;
              float best = a[base];
              int arg = 0;
              if (best == best) {
                for (int k = 1; k < r; k++) {
                  float v = a[base + k * inner];
                  if (v != v) {
                    best = v;
                    arg = k;
                    break;
                  }
                  if (min ? v < best : v > best) {
                    best = v;
                    arg = k;
                  }
                }
              }
              out[oo + o * inner + i] = best;
              if (idx != null) idx[io + o * inner + i] = arg;
            }
          }
        });
  }

  /**
   * Softmax (or log-softmax) over each contiguous row of length {@code n}: {@code rows} rows.
   * Stable form: subtract the row maximum before exponentiating.
   */
  public static void softmaxRows(
      boolean log, float[] out, int oo, float[] a, int ao, int rows, int n) {
    Parallel.forRange(
        rows,
        Math.max(1, GRAIN / Math.max(n, 1)),
        (from, to) -> {
          for (int row = from; row < to; row++) {
            int src = ao + row * n, dst = oo + row * n;
            float max = Float.NEGATIVE_INFINITY;
            int bound = S.loopBound(n);
            int i = 0;
            if (bound > 0) {
              FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
              for (; i < bound; i += L) m = FloatVector.fromArray(S, a, src + i).max(m);
              max =
                  FloatVector.broadcast(S, Float.NEGATIVE_INFINITY)
                      .max(m)
                      .reduceLanes(VectorOperators.MAX);
            }
            for (; i < n; i++) max = Math.max(max, a[src + i]);
            if (max == Float.NEGATIVE_INFINITY) max = 0f; // a row of -inf: avoid inf - inf
            FloatVector vmax = FloatVector.broadcast(S, max);
            FloatVector acc = FloatVector.zero(S);
            i = 0;
            for (; i < bound; i += L) {
              FloatVector e = Vmath.exp(FloatVector.fromArray(S, a, src + i).sub(vmax));
              if (!log) e.intoArray(out, dst + i);
              acc = e.add(acc);
            }
            float[] lanes = new float[L];
            FloatVector.broadcast(S, 1f).mul(acc).intoArray(lanes, 0);
            float sum = DotTiles.sumLanes(lanes, 0);
            for (; i < n; i++) {
              float e = Vmath.exp(a[src + i] - max);
              if (!log) out[dst + i] = e;
              sum += e;
            }
            if (log) {
              float shift = max + (float) Math.log(sum);
              Elementwise.affine(out, dst, a, src, n, 1f, -shift);
            } else {
              Elementwise.affine(out, dst, out, dst, n, 1f / sum, 0f);
            }
          }
        });
  }
}
