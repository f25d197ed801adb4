package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max pooling over k×k windows, PyTorch's MaxPool2d: the stride defaults to the kernel size, the
 * padding counts as −∞, and on a tie the first maximum (in row-major window order) takes the
 * gradient.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·padding − kernel)/stride⌋ + 1.
 */
public final class MaxPool2d extends Module {
  private final PoolWindow window;

  /** A k×k pool with stride k and no padding. */
  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public MaxPool2d(int kernel, int stride, int padding) {
    this.window = new PoolWindow(kernel, stride, padding);
  }

  /** The window's side k. */
  public int kernel() {
    return window.kernel();
  }

  public int stride() {
    return window.stride();
  }

  public int padding() {
    return window.padding();
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    return Pooling.maxPool2d(x, window.kernel(), window.stride(), window.padding(), os[2], os[3]);
  }

  @Override
  public int[] outputShape(int[] s) {
    return window.outputShape(this, s);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "MaxPool2d",
          (f, rng) ->
              new MaxPool2d(
                  f.integer("kernel"),
                  f.integer("stride", f.integer("kernel")),
                  f.integer("padding", 0)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "MaxPool2d");
    m.put("kernel", window.kernel());
    m.put("stride", window.stride());
    m.put("padding", window.padding());
    return m;
  }

  @Override
  public String toString() {
    return "MaxPool2d(" + window + ")";
  }
}
