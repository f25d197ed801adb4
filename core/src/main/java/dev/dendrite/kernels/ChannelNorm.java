package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Per-channel statistics and affine maps of a contiguous (N, C, S) block (S = H·W), the kernels of
 * batch normalisation: channel c's M = N·S values are N runs of S floats, {@code C·S} apart.
 * Channels (for sums) or planes (for the maps) are split across the pool.
 */
public final class ChannelNorm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int GRAIN = 1 << 15;
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  private ChannelNorm() {}

  /**
   * mean[c] and the biased variance var[c] = Σ(x − mean)²/M of each channel. Two passes rather than
   * one of Σx and Σx²: the second keeps the variance accurate when the mean is large.
   */
  public static void meanVar(float[] mean, float[] var, float[] x, int xo, int n, int c, int s) {
    long m = (long) n * s;
    Parallel.forRange(
        c,
        Math.max(1, GRAIN / (int) Math.max(1, Math.min(m, GRAIN))),
        (from, to) -> {
          for (int ch = from; ch < to; ch++) {
            double sum = 0;
            for (int b = 0; b < n; b++) sum += Reduce.sumContiguous(x, xo + (b * c + ch) * s, s);
            float mu = (float) (sum / m);
            double sq = 0;
            for (int b = 0; b < n; b++) sq += sumSquaredDeviations(x, xo + (b * c + ch) * s, s, mu);
            mean[ch] = mu;
            var[ch] = (float) (sq / m);
          }
        });
  }

  /** out = x·scale[c] + shift[c] for every element of channel c. */
  public static void affine(
      float[] out, int oo, float[] x, int xo, int n, int c, int s, float[] scale, float[] shift) {
    Parallel.forRange(
        n * c,
        Math.max(1, GRAIN / Math.max(1, s)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ch = p % c;
            Elementwise.affine(out, oo + p * s, x, xo + p * s, s, scale[ch], shift[ch]);
          }
        });
  }

  /** out = relu(x·scale[c] + shift[c]), each plane rectified while it is in cache. */
  public static void affineRelu(
      float[] out, int oo, float[] x, int xo, int n, int c, int s, float[] scale, float[] shift) {
    Parallel.forRange(
        n * c,
        Math.max(1, GRAIN / Math.max(1, s)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ch = p % c;
            Elementwise.affine(out, oo + p * s, x, xo + p * s, s, scale[ch], shift[ch]);
            Elementwise.unary(Elementwise.Unary.RELU, out, oo + p * s, out, oo + p * s, s);
          }
        });
  }

  /**
   * pooled, arg = max pool of relu(x·scale[c] + shift[c]) over (N, C, H, W), as {@link
   * MaxPool#forward}: each image's rectified maps live only in a per-thread buffer.
   */
  public static void affineReluMaxPool(
      float[] pooled,
      int[] arg,
      float[] x,
      int xo,
      int n,
      int c,
      int h,
      int w,
      float[] scale,
      float[] shift,
      int k,
      int stride,
      int pad,
      int ho,
      int wo) {
    int s = h * w, lp = ho * wo;
    Parallel.forEach(
        n,
        b -> {
          float[] y = scratch(c * s);
          for (int ch = 0; ch < c; ch++)
            Elementwise.affine(y, ch * s, x, xo + (b * c + ch) * s, s, scale[ch], shift[ch]);
          Elementwise.unary(Elementwise.Unary.RELU, y, 0, y, 0, c * s);
          MaxPool.forward(pooled, b * c * lp, arg, y, 0, c, h, w, k, stride, pad, ho, wo);
        });
  }

  /**
   * gy (planes, S) = the gradient of relu's input from that of the pooled output gp (planes, Lp):
   * each pooled gradient goes to its maximum's position when the pooled value (the ReLU's output
   * there) is positive. gy must hold zeros.
   */
  public static void maxPoolReluGradient(
      float[] gy, float[] gp, int gpOff, float[] pooled, int[] arg, int planes, int s, int lp) {
    Parallel.forRange(
        planes,
        Math.max(1, GRAIN / Math.max(1, s)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ib = p * s, ob = p * lp;
            for (int o = 0; o < lp; o++) {
              if (pooled[ob + o] > 0) gy[ib + arg[ob + o]] += gp[gpOff + ob + o];
            }
          }
        });
  }

  /** gy = g where the ReLU's output y is positive, 0 elsewhere (NaN in y gives 0). */
  public static void reluGradient(float[] gy, float[] g, int go, float[] y, int len) {
    Parallel.forRange(
        len,
        GRAIN,
        (from, to) -> Elementwise.reluBackward(gy, from, g, go + from, y, from, to - from));
  }

  /** This thread's buffer of at least {@code size} floats, grown as needed and kept. */
  private static float[] scratch(int size) {
    float[] b = SCRATCH.get();
    if (b.length < size) {
      b = new float[size];
      SCRATCH.set(b);
    }
    return b;
  }

  /**
   * sumG[c] = Σ g and sumGX[c] = Σ g·(x − mean[c]) over channel c: the sums of batch norm's
   * backward.
   */
  public static void gradSums(
      float[] sumG,
      float[] sumGX,
      float[] g,
      int go,
      float[] x,
      int xo,
      int n,
      int c,
      int s,
      float[] mean) {
    long m = (long) n * s;
    Parallel.forRange(
        c,
        Math.max(1, GRAIN / (int) Math.max(1, Math.min(m, GRAIN))),
        (from, to) -> {
          for (int ch = from; ch < to; ch++) {
            double sg = 0, sgx = 0;
            for (int b = 0; b < n; b++) {
              int p = (b * c + ch) * s;
              sg += Reduce.sumContiguous(g, go + p, s);
              sgx += dotCentered(g, go + p, x, xo + p, s, mean[ch]);
            }
            sumG[ch] = (float) sg;
            sumGX[ch] = (float) sgx;
          }
        });
  }

  /**
   * out = kg[c]·g + kx[c]·x + k0[c] for every element of channel c (batch norm's input gradient).
   */
  public static void combine(
      float[] out,
      int oo,
      float[] g,
      int go,
      float[] x,
      int xo,
      int n,
      int c,
      int s,
      float[] kg,
      float[] kx,
      float[] k0) {
    Parallel.forRange(
        n * c,
        Math.max(1, GRAIN / Math.max(1, s)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ch = p % c;
            combineRun(out, oo + p * s, g, go + p * s, x, xo + p * s, s, kg[ch], kx[ch], k0[ch]);
          }
        });
  }

  static float sumSquaredDeviations(float[] a, int ao, int len, float mu) {
    FloatVector vm = FloatVector.broadcast(S, mu), acc = FloatVector.zero(S);
    int i = 0, bound = S.loopBound(len);
    for (; i < bound; i += L) {
      FloatVector d = FloatVector.fromArray(S, a, ao + i).sub(vm);
      acc = d.fma(d, acc);
    }
    float[] lanes = new float[L];
    FloatVector.broadcast(S, 1f)
        .mul(acc)
        .intoArray(
            lanes,
            0); // lanes summed in memory, in a fixed order: a vector argument to a helper would box
    float sum = DotTiles.sumLanes(lanes, 0);
    for (; i < len; i++) {
      float d = a[ao + i] - mu;
      sum += d * d;
    }
    return sum;
  }

  static float dotCentered(float[] g, int go, float[] x, int xo, int len, float mu) {
    FloatVector vm = FloatVector.broadcast(S, mu), acc = FloatVector.zero(S);
    int i = 0, bound = S.loopBound(len);
    for (; i < bound; i += L) {
      acc =
          FloatVector.fromArray(S, x, xo + i).sub(vm).fma(FloatVector.fromArray(S, g, go + i), acc);
    }
    float[] lanes = new float[L];
    FloatVector.broadcast(S, 1f).mul(acc).intoArray(lanes, 0);
    float sum = DotTiles.sumLanes(lanes, 0);
    for (; i < len; i++) sum += g[go + i] * (x[xo + i] - mu);
    return sum;
  }

  static void combineRun(
      float[] out,
      int oo,
      float[] g,
      int go,
      float[] x,
      int xo,
      int len,
      float kg,
      float kx,
      float k0) {
    FloatVector vg = FloatVector.broadcast(S, kg),
        vx = FloatVector.broadcast(S, kx),
        v0 = FloatVector.broadcast(S, k0);
    int i = 0, bound = S.loopBound(len);
    for (; i < bound; i += L) {
      FloatVector t = FloatVector.fromArray(S, x, xo + i).fma(vx, v0);
      FloatVector.fromArray(S, g, go + i).fma(vg, t).intoArray(out, oo + i);
    }
    for (; i < len; i++) out[oo + i] = Math.fma(g[go + i], kg, Math.fma(x[xo + i], kx, k0));
  }
}
