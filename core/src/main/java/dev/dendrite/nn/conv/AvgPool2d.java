package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Average pooling over k×k (or kH×kW) windows, PyTorch's AvgPool2d: the stride defaults to the
 * kernel size, and the zero padding counts in the divisor unless {@code countIncludePad} is false
 * (PyTorch's {@code count_include_pad}). Kernel, stride and padding may differ per axis, as
 * PyTorch's tuples (in a spec, {@code "kernel": [3, 5]}); {@code ceilMode} rounds the output size
 * up, as PyTorch's {@code ceil_mode} (a window then may reach past the padding, and only the padded
 * extent counts in its divisor).
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − kH)/sH⌋ + 1.
 */
public final class AvgPool2d extends Module {
  private final PoolWindow window;
  private final boolean countIncludePad;

  /** A k×k pool with stride k and no padding. */
  public AvgPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public AvgPool2d(int kernel, int stride, int padding) {
    this(new PoolWindow(kernel, stride, padding), true);
  }

  /**
   * Per-axis (height, width) kernel, stride and padding, as PyTorch's tuples; with {@code
   * countIncludePad} false the padding is left out of each window's divisor.
   */
  public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
    this(kernel, stride, padding, countIncludePad, false);
  }

  /** As above; with {@code ceilMode} the output size rounds up (PyTorch's {@code ceil_mode}). */
  public AvgPool2d(
      int[] kernel, int[] stride, int[] padding, boolean countIncludePad, boolean ceilMode) {
    this(new PoolWindow(kernel, stride, padding, new int[] {1, 1}, ceilMode), countIncludePad);
  }

  private AvgPool2d(PoolWindow window, boolean countIncludePad) {
    this.window = window;
    this.countIncludePad = countIncludePad;
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    int[] g = window.geometry();
    return Pooling.avgPool2d(x, java.util.Arrays.copyOf(g, 6), countIncludePad, os[2], os[3]);
  }

  @Override
  public int[] outputShape(int[] s) {
    return window.outputShape(this, s);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "AvgPool2d",
          (f, rng) -> new AvgPool2d(PoolWindow.read(f, false), f.bool("countIncludePad", true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "AvgPool2d");
    window.write(m, false);
    if (!countIncludePad) m.put("countIncludePad", false);
    return m;
  }

  @Override
  public String toString() {
    return "AvgPool2d(" + window + (countIncludePad ? "" : ", count_include_pad=false") + ")";
  }
}
