package dev.dendrite.nn.conv;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Average pooling over k×k windows, PyTorch's AvgPool2d: the stride defaults to the kernel size,
 * and the zero padding counts in the divisor ({@code count_include_pad=True}).
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·padding − kernel)/stride⌋ + 1.
 */
public final class AvgPool2d extends Module {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();
  private final PoolWindow window;

  /** A k×k pool with stride k and no padding. */
  public AvgPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public AvgPool2d(int kernel, int stride, int padding) {
    this.window = new PoolWindow(kernel, stride, padding);
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    int n = os[0], c = os[1], h = x.size(2), w = x.size(3), ho = os[2], wo = os[3];
    int k = window.kernel(), stride = window.stride(), padding = window.padding();
    Tensor xc = x.contiguous();
    float[] in = RAW.array(xc);
    int inBase = RAW.offset(xc);
    float[] out = new float[n * c * ho * wo];
    Parallel.forEach(n * c, plane -> {
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
    return Tensor.custom("avgpool2d", y, new Tensor[] {x}, new Tensor[0], g -> {
      Tensor gdT = g.contiguous();
      float[] gd = RAW.array(gdT);
      int gdBase = RAW.offset(gdT);
      float[] gi = new float[n * c * h * w];
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
    return window.outputShape(this, s);
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "AvgPool2d");
    m.put("kernel", window.kernel());
    m.put("stride", window.stride());
    m.put("padding", window.padding());
    return m;
  }

  @Override
  public String toString() {
    return "AvgPool2d(" + window + ")";
  }
}
