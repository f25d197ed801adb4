package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
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
  private final int oh, ow;

  public AdaptiveAvgPool2d(int oh, int ow) {
    if (oh < 1 || ow < 1)
      throw new IllegalArgumentException(
          "AdaptiveAvgPool2d: output size must be >= 1, got " + oh + "x" + ow);
    this.oh = oh;
    this.ow = ow;
  }

  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    return Pooling.adaptiveAvgPool2d(x, oh, ow);
  }

  static void checkInput(Module m, int[] s) {
    if (s.length != 4 || s[2] < 1 || s[3] < 1)
      throw new IllegalArgumentException(
          m + " needs (N, C, H, W) with H, W >= 1, got " + Shape.str(s));
  }

  @Override
  public int[] outputShape(int[] s) {
    checkInput(this, s);
    return new int[] {s[0], s[1], oh, ow};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "AdaptiveAvgPool2d",
          (f, rng) -> {
            int[] size = f.pair("output");
            return new AdaptiveAvgPool2d(size[0], size[1]);
          });

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
