package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.kernels.AdaptivePool;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Average pooling to a fixed output size, PyTorch's AdaptiveAvgPool2d: output cell (i, j) averages
 * input rows ⌊i·H/oH⌋ … ⌈(i+1)·H/oH⌉ − 1 and the columns likewise, so the windows differ in size
 * (and overlap) when oH does not divide H.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, oH, oW).
 */
public final class AdaptiveAvgPool2d extends Module {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();
  private final int oh, ow;

  public AdaptiveAvgPool2d(int oh, int ow) {
    if (oh < 1 || ow < 1) throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be >= 1, got " + oh + "x" + ow);
    this.oh = oh;
    this.ow = ow;
  }

  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    return pool(x, oh, ow);
  }

  /** The pooling op on (N, C, H, W), differentiable; shared with {@link GlobalAvgPool}. */
  static Tensor pool(Tensor x, int oh, int ow) {
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    Tensor xc = x.contiguous();
    float[] out = new float[n * c * oh * ow];
    AdaptivePool.avg(out, 0, RAW.array(xc), RAW.offset(xc), n * c, h, w, oh, ow);
    Tensor y = Tensor.wrap(out, n, c, oh, ow);
    return Tensor.custom("adaptive_avgpool2d", y, new Tensor[] {x}, new Tensor[0], g -> {
      Tensor gc = g.contiguous();
      float[] gi = new float[n * c * h * w];
      AdaptivePool.avgBackward(gi, 0, RAW.array(gc), RAW.offset(gc), n * c, h, w, oh, ow);
      return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
    });
  }

  static void checkInput(Module m, int[] s) {
    if (s.length != 4 || s[2] < 1 || s[3] < 1) throw new IllegalArgumentException(m + " needs (N, C, H, W) with H, W >= 1, got " + Shape.str(s));
  }

  @Override
  public int[] outputShape(int[] s) {
    checkInput(this, s);
    return new int[] {s[0], s[1], oh, ow};
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "AdaptiveAvgPool2d");
    m.put("output", List.of(oh, ow));
    return m;
  }

  @Override
  public String toString() {
    return "AdaptiveAvgPool2d(output=" + oh + "x" + ow + ")";
  }
}
