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
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    Tensor xc = x.contiguous();
    float[] out = new float[n * c * ho * wo];
    int[] arg = new int[out.length];
    MaxPool.forward(
        out, arg, RAW.array(xc), RAW.offset(xc), n * c, h, w, k, stride, padding, ho, wo);
    Tensor y = Tensor.wrap(out, n, c, ho, wo);
    return Tensor.custom(
        "maxpool2d",
        y,
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          Tensor gdT = g.contiguous();
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
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    Tensor xc = x.contiguous();
    float[] in = RAW.array(xc);
    int inBase = RAW.offset(xc);
    float[] out = new float[n * c * ho * wo];
    Parallel.forEach(
        n * c,
        plane -> {
          int ib = inBase + plane * h * w, ob = plane * ho * wo;
          for (int oy = 0; oy < ho; oy++) {
            for (int ox = 0; ox < wo; ox++) {
              float sum = 0;
              for (int i = 0; i < k; i++) {
                int y = oy * stride - padding + i;
                if (y < 0 || y >= h) continue;
                for (int j = 0; j < k; j++) {
                  int xx = ox * stride - padding + j;
                  if (xx >= 0 && xx < w) sum += in[ib + y * w + xx];
                }
              }
              out[ob + oy * wo + ox] = sum / (k * k);
            }
          }
        });
    Tensor y = Tensor.wrap(out, n, c, ho, wo);
    return Tensor.custom(
        "avgpool2d",
        y,
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          Tensor gdT = g.contiguous();
          float[] gd = RAW.array(gdT);
          int gdBase = RAW.offset(gdT);
          float[] gi = new float[n * c * h * w];
          Parallel.forEach(
              n * c,
              plane -> {
                int ib = plane * h * w, ob = plane * ho * wo;
                for (int o = 0; o < ho * wo; o++) {
                  int oy = o / wo, ox = o % wo;
                  float share = gd[gdBase + ob + o] / (k * k);
                  for (int i = 0; i < k; i++) {
                    int yy = oy * stride - padding + i;
                    if (yy < 0 || yy >= h) continue;
                    for (int j = 0; j < k; j++) {
                      int xx = ox * stride - padding + j;
                      if (xx >= 0 && xx < w) gi[ib + yy * w + xx] += share;
                    }
                  }
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
