package dev.dendrite.ops;

import dev.dendrite.internal.Access;
import dev.dendrite.kernels.AdaptivePool;
import dev.dendrite.kernels.MaxPool;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/**
 * Pooling over the planes of x (N, C, H, W), each a differentiable op. The caller checks the
 * geometry and passes the output size (H_out, W_out).
 */
public final class Pooling {
  private static final Access.TensorData RAW = Access.tensors();

  private Pooling() {}

  /**
   * The maximum of each k×k window; padding counts as −∞, and on a tie the first maximum (in
   * row-major window order) takes the gradient.
   */
  public static Tensor maxPool2d(Tensor x, int k, int stride, int padding, int ho, int wo) {
    return maxPool2d(x, new int[] {k, k, stride, stride, padding, padding, 1, 1}, ho, wo);
  }

  /**
   * The same with per-axis windows: {@code g} = {kH, kW, sH, sW, pH, pW, dH, dW} (kernel, stride,
   * padding, dilation).
   */
  public static Tensor maxPool2d(Tensor x, int[] g, int ho, int wo) {
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    Tensor xc = x.contiguous();
    float[] out = new float[n * c * ho * wo];
    int[] arg = new int[out.length];
    MaxPool.forward(
        out,
        0,
        arg,
        RAW.array(xc),
        RAW.offset(xc),
        n * c,
        h,
        w,
        g[0],
        g[1],
        g[2],
        g[3],
        g[4],
        g[5],
        g[6],
        g[7],
        ho,
        wo);
    Tensor y = Tensor.wrap(out, n, c, ho, wo);
    return Tensor.custom(
        "maxpool2d",
        y,
        new Tensor[] {x},
        new Tensor[0],
        gr -> {
          Tensor gdT = gr.contiguous();
          float[] gi = new float[n * c * h * w];
          MaxPool.backward(gi, arg, RAW.array(gdT), RAW.offset(gdT), n * c, h, w, ho, wo);
          return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
        });
  }

  /**
   * The mean of each k×k window, the zero padding counted in the divisor ({@code
   * count_include_pad=True}).
   */
  public static Tensor avgPool2d(Tensor x, int k, int stride, int padding, int ho, int wo) {
    return avgPool2d(x, new int[] {k, k, stride, stride, padding, padding}, true, ho, wo);
  }

  /**
   * The mean of each window, per axis: {@code g} = {kH, kW, sH, sW, pH, pW}. With {@code
   * countIncludePad} the zero padding counts in the divisor (kH·kW, less what lies past the padded
   * input in ceil mode), otherwise only the cells inside the input do (PyTorch's {@code
   * count_include_pad=False}).
   */
  public static Tensor avgPool2d(Tensor x, int[] g, boolean countIncludePad, int ho, int wo) {
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    int kh = g[0], kw = g[1], sh = g[2], sw = g[3], ph = g[4], pw = g[5];
    // The divisor of each output cell, shared by all planes and by the backward pass.
    // With the padding counted, a window is clipped to the padded input (it can reach past it only
    // in ceil mode), as PyTorch's avg_pool2d.
    float[] div = new float[ho * wo];
    for (int oy = 0; oy < ho; oy++) {
      int y0 = oy * sh - ph;
      int rows = Math.min(y0 + kh, h) - Math.max(y0, 0), padRows = Math.min(y0 + kh, h + ph) - y0;
      for (int ox = 0; ox < wo; ox++) {
        int x0 = ox * sw - pw;
        int cols = Math.min(x0 + kw, w) - Math.max(x0, 0), padCols = Math.min(x0 + kw, w + pw) - x0;
        div[oy * wo + ox] = countIncludePad ? padRows * padCols : rows * cols;
      }
    }
    Tensor xc = x.contiguous();
    float[] in = RAW.array(xc);
    int inBase = RAW.offset(xc);
    float[] out = new float[n * c * ho * wo];
    Parallel.forEach(
        n * c,
        plane -> {
          int ib = inBase + plane * h * w, ob = plane * ho * wo;
          for (int oy = 0; oy < ho; oy++) {
            int y0 = Math.max(oy * sh - ph, 0), y1 = Math.min(oy * sh - ph + kh, h);
            for (int ox = 0; ox < wo; ox++) {
              int x0 = Math.max(ox * sw - pw, 0), x1 = Math.min(ox * sw - pw + kw, w);
              float sum = 0;
              for (int y = y0; y < y1; y++)
                for (int xx = x0; xx < x1; xx++) sum += in[ib + y * w + xx];
              out[ob + oy * wo + ox] = sum / div[oy * wo + ox];
            }
          }
        });
    Tensor y = Tensor.wrap(out, n, c, ho, wo);
    return Tensor.custom(
        "avgpool2d",
        y,
        new Tensor[] {x},
        new Tensor[0],
        gr -> {
          Tensor gdT = gr.contiguous();
          float[] gd = RAW.array(gdT);
          int gdBase = RAW.offset(gdT);
          float[] gi = new float[n * c * h * w];
          Parallel.forEach(
              n * c,
              plane -> {
                int ib = plane * h * w, ob = plane * ho * wo;
                for (int o = 0; o < ho * wo; o++) {
                  int oy = o / wo, ox = o % wo;
                  float share = gd[gdBase + ob + o] / div[o];
                  int y0 = Math.max(oy * sh - ph, 0), y1 = Math.min(oy * sh - ph + kh, h);
                  int x0 = Math.max(ox * sw - pw, 0), x1 = Math.min(ox * sw - pw + kw, w);
                  for (int yy = y0; yy < y1; yy++)
                    for (int xx = x0; xx < x1; xx++) gi[ib + yy * w + xx] += share;
                }
              });
          return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
        });
  }

  /**
   * Average pooling to a fixed output size (oH, oW): cell (i, j) averages input rows ⌊i·H/oH⌋ …
   * ⌈(i+1)·H/oH⌉ − 1 and the columns likewise.
   */
  public static Tensor adaptiveAvgPool2d(Tensor x, int oh, int ow) {
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    Tensor xc = x.contiguous();
    float[] out = new float[n * c * oh * ow];
    AdaptivePool.avg(out, 0, RAW.array(xc), RAW.offset(xc), n * c, h, w, oh, ow);
    Tensor y = Tensor.wrap(out, n, c, oh, ow);
    return Tensor.custom(
        "adaptive_avgpool2d",
        y,
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          Tensor gc = g.contiguous();
          float[] gi = new float[n * c * h * w];
          AdaptivePool.avgBackward(gi, 0, RAW.array(gc), RAW.offset(gc), n * c, h, w, oh, ow);
          return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
        });
  }
}
