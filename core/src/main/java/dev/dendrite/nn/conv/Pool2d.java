package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.kernels.Im2col;
import dev.dendrite.kernels.MaxPool;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max or average pooling over kH×kW windows, PyTorch's MaxPool2d / AvgPool2d: the stride defaults
 * to the kernel size; max pooling pads with −∞ and, on a tie, the first maximum (in row-major
 * window order) takes the gradient; average pooling counts the zero padding in the divisor
 * ({@code count_include_pad=True}).
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·padding − kernel)/stride⌋ + 1.
 */
public final class Pool2d extends Module {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();
  private final boolean max;
  private final int k, stride, padding;

  private Pool2d(boolean max, int kernel, int stride, int padding) {
    if (kernel < 1 || stride < 1 || padding < 0) throw new IllegalArgumentException("pooling: kernel and stride must be >= 1, padding >= 0");
    if (padding * 2 > kernel) throw new IllegalArgumentException("pooling: padding " + padding + " is more than half the kernel " + kernel);
    this.max = max;
    this.k = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  public static Pool2d max(int kernel) {
    return new Pool2d(true, kernel, kernel, 0);
  }

  public static Pool2d max(int kernel, int stride, int padding) {
    return new Pool2d(true, kernel, stride, padding);
  }

  public static Pool2d avg(int kernel) {
    return new Pool2d(false, kernel, kernel, 0);
  }

  public static Pool2d avg(int kernel, int stride, int padding) {
    return new Pool2d(false, kernel, stride, padding);
  }

  /** Whether this is a max pool (else an average pool). */
  public boolean isMax() {
    return max;
  }

  int kernel() {
    return k;
  }

  int stride() {
    return stride;
  }

  int padding() {
    return padding;
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    int n = os[0], c = os[1], h = x.size(2), w = x.size(3), ho = os[2], wo = os[3];
    Tensor xc = x.contiguous();
    float[] in = RAW.array(xc);
    int inBase = RAW.offset(xc);
    float[] out = new float[n * c * ho * wo];
    int[] arg = max ? new int[out.length] : null;
    if (max) MaxPool.forward(out, arg, in, inBase, n * c, h, w, k, stride, padding, ho, wo);
    else Parallel.forEach(n * c, plane -> {
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
    Tensor y = Tensor.wrap(out, os);
    return Tensor.custom(max ? "maxpool2d" : "avgpool2d", y, new Tensor[] {x}, new Tensor[0], g -> {
      Tensor gdT = g.contiguous();
      float[] gd = RAW.array(gdT);
      int gdBase = RAW.offset(gdT);
      float[] gi = new float[n * c * h * w];
      if (max) {
        MaxPool.backward(gi, arg, gd, gdBase, n * c, h, w, ho, wo);
        return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
      }
      Parallel.forEach(n * c, plane -> {
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

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 4) throw new IllegalArgumentException(this + " needs (N, C, H, W), got " + Shape.str(s));
    int ho = Im2col.outSize(s[2], k, stride, padding, 1), wo = Im2col.outSize(s[3], k, stride, padding, 1);
    // outSize divides with truncation, so a window larger than the padded input can still give 1 with stride > 1.
    if (ho < 1 || wo < 1 || s[2] + 2 * padding < k || s[3] + 2 * padding < k) throw new IllegalArgumentException(this + ": input " + Shape.str(s) + " is smaller than the window");
    return new int[] {s[0], s[1], ho, wo};
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", max ? "MaxPool2d" : "AvgPool2d");
    m.put("kernel", k);
    m.put("stride", stride);
    m.put("padding", padding);
    return m;
  }

  @Override
  public String toString() {
    return (max ? "MaxPool2d" : "AvgPool2d") + "(kernel=" + k + ", stride=" + stride + ", padding=" + padding + ")";
  }

}
