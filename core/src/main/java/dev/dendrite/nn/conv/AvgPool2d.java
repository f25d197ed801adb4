package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
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
    return Pooling.avgPool2d(x, window.kernel(), window.stride(), window.padding(), os[2], os[3]);
  }

  @Override
  public int[] outputShape(int[] s) {
    return window.outputShape(this, s);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "AvgPool2d",
          (f, rng) ->
              new AvgPool2d(
                  f.integer("kernel"),
                  f.integer("stride", f.integer("kernel")),
                  f.integer("padding", 0)));

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
