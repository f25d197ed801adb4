package dev.dendrite.ops;

import dev.dendrite.internal.Access;
import dev.dendrite.kernels.ChannelNorm;
import dev.dendrite.tensor.Tensor;

/** Batch normalisation of images (N, C, H, W) per channel over (N, H, W), M = N·H·W values each. */
public final class BatchNorm {
  private static final Access.TensorData RAW = Access.tensors();

  private BatchNorm() {}

  /** {mean (C), biased variance (C)} of each channel of x (N, C, H, W). */
  public static float[][] channelStats(Tensor x) {
    int n = x.size(0), c = x.size(1), s = x.size(2) * x.size(3);
    Tensor xc = x.contiguous();
    float[] mean = new float[c], var = new float[c];
    ChannelNorm.meanVar(mean, var, RAW.array(xc), RAW.offset(xc), n, c, s);
    return new float[][] {mean, var};
  }

  /**
   * {@code y = (x − mean)/√(var + eps)·weight + bias} per channel, as one op. With {@code
   * batchStats} the statistics are x's own ({@link #channelStats}) and the gradient flows through
   * them; otherwise they are constants (running statistics). {@code weight} and {@code bias} (C)
   * are both null or both given.
   */
  public static Tensor batchNorm2d(
      Tensor x,
      float[] mean,
      float[] var,
      Tensor weight,
      Tensor bias,
      float eps,
      boolean batchStats) {
    return normalise(x, mean, var, weight, bias, eps, batchStats, null);
  }

  /**
   * {@code relu(batchNorm2d(x, …))} as one op: the same values and gradients bit for bit, without
   * the normalised tensor or its pass.
   */
  public static Tensor batchNorm2dRelu(
      Tensor x,
      float[] mean,
      float[] var,
      Tensor weight,
      Tensor bias,
      float eps,
      boolean batchStats) {
    return normalise(x, mean, var, weight, bias, eps, batchStats, Tail.RELU);
  }

  /**
   * {@code maxPool2d(relu(batchNorm2d(x, …)), k, stride, padding)} as one op that never stores the
   * full-size normalised or rectified maps: the same values and gradients bit for bit. The caller
   * checks the pool's geometry and passes its output size (H_out, W_out).
   */
  public static Tensor batchNorm2dReluMaxPool(
      Tensor x,
      float[] mean,
      float[] var,
      Tensor weight,
      Tensor bias,
      float eps,
      boolean batchStats,
      int k,
      int stride,
      int padding,
      int ho,
      int wo) {
    return normalise(
        x, mean, var, weight, bias, eps, batchStats, new Tail(true, k, stride, padding, ho, wo));
  }

  /** What runs on the normalised maps inside the op: a ReLU, and a max pool after it. */
  private record Tail(boolean pool, int k, int stride, int padding, int ho, int wo) {
    static final Tail RELU = new Tail(false, 0, 0, 0, 0, 0);
  }

  private static Tensor normalise(
      Tensor x,
      float[] mean,
      float[] var,
      Tensor weight,
      Tensor bias,
      float eps,
      boolean batchStats,
      Tail tail) {
    int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), s = h * wd;
    long m = (long) n * s;
    Tensor xc = x.contiguous();
    float[] xd = RAW.array(xc);
    int xo = RAW.offset(xc);
    float[] w = weight == null ? null : weight.toArray(), b = bias == null ? null : bias.toArray();
    float[] invStd = new float[c], scale = new float[c], shift = new float[c];
    for (int ch = 0; ch < c; ch++) {
      invStd[ch] = (float) (1 / Math.sqrt((double) var[ch] + eps));
      scale[ch] = (w == null ? 1f : w[ch]) * invStd[ch];
      shift[ch] = (b == null ? 0f : b[ch]) - mean[ch] * scale[ch];
    }
    float[] out;
    int[] arg = null;
    Tensor y;
    if (tail == null) {
      out = new float[n * c * s];
      ChannelNorm.affine(out, 0, xd, xo, n, c, s, scale, shift);
      y = Tensor.wrap(out, x.shape());
    } else if (!tail.pool()) {
      out = new float[n * c * s];
      ChannelNorm.affineRelu(out, 0, xd, xo, n, c, s, scale, shift);
      y = Tensor.wrap(out, x.shape());
    } else {
      out = new float[n * c * tail.ho() * tail.wo()];
      arg = new int[out.length];
      ChannelNorm.affineReluMaxPool(
          out,
          arg,
          xd,
          xo,
          n,
          c,
          h,
          wd,
          scale,
          shift,
          tail.k(),
          tail.stride(),
          tail.padding(),
          tail.ho(),
          tail.wo());
      y = Tensor.wrap(out, n, c, tail.ho(), tail.wo());
    }
    int[] maxima = arg;
    Tensor[] inputs = weight == null ? new Tensor[] {x} : new Tensor[] {x, weight, bias};
    String name =
        tail == null
            ? "batchnorm2d"
            : tail.pool() ? "batchnorm2d+relu+maxpool2d" : "batchnorm2d+relu";
    return Tensor.custom(
        name,
        y,
        inputs,
        new Tensor[] {xc},
        g -> {
          Tensor gc = g.contiguous();
          float[] gd = RAW.array(gc);
          int go = RAW.offset(gc);
          if (tail != null) {
            // the gradient of the normalised maps: the ReLU's mask is its output, and at a pool's
            // maxima the pooled value is that output
            float[] gy = new float[n * c * s];
            if (tail.pool())
              ChannelNorm.maxPoolReluGradient(
                  gy, gd, go, out, maxima, n * c, s, tail.ho() * tail.wo());
            else ChannelNorm.reluGradient(gy, gd, go, out, n * c * s);
            gd = gy;
            go = 0;
          }
          float[] sumG = new float[c], sumGX = new float[c];
          ChannelNorm.gradSums(sumG, sumGX, gd, go, xd, xo, n, c, s, mean);
          // dx = scale·(g − Σg/M − x̂·Σg·x̂/M) with batch statistics (they depend on x); scale·g
          // with running ones.
          float[] kg = scale, kx = new float[c], k0 = new float[c];
          if (batchStats) {
            for (int ch = 0; ch < c; ch++) {
              kx[ch] = (float) (-(double) scale[ch] * invStd[ch] * invStd[ch] * sumGX[ch] / m);
              k0[ch] = (float) (-(double) scale[ch] * sumG[ch] / m - (double) kx[ch] * mean[ch]);
            }
          }
          // the masked gradient is this op's own array, so dx may overwrite it
          float[] gx = tail == null ? new float[n * c * s] : gd;
          ChannelNorm.combine(gx, 0, gd, go, xd, xo, n, c, s, kg, kx, k0);
          Tensor dx = Tensor.wrap(gx, x.shape());
          if (weight == null) return new Tensor[] {dx};
          float[] gw = new float[c];
          for (int ch = 0; ch < c; ch++) gw[ch] = sumGX[ch] * invStd[ch]; // Σ g·x̂
          return new Tensor[] {dx, Tensor.wrap(gw, c), Tensor.wrap(sumG, c)};
        });
  }
}
