package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Pooling;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max pooling over k×k (or kH×kW) windows, PyTorch's MaxPool2d: the stride defaults to the kernel
 * size, the padding counts as −∞, and on a tie the first maximum (in row-major window order) takes
 * the gradient. Kernel, stride, padding and dilation may differ per axis, as PyTorch's tuples (in a
 * spec, {@code "kernel": [3, 5]}); {@code ceilMode} rounds the output size up, as PyTorch's {@code
 * ceil_mode}.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − dH·(kH − 1) − 1)/sH⌋ + 1.
 */
public final class MaxPool2d extends Module {
  private final PoolWindow window;

  /** A k×k pool with stride k and no padding. */
  public MaxPool2d(int kernel) {
    this(kernel, kernel, 0);
  }

  public MaxPool2d(int kernel, int stride, int padding) {
    this(new PoolWindow(kernel, stride, padding));
  }

  /** Per-axis (height, width) kernel, stride, padding and dilation, as PyTorch's tuples. */
  public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
    this(kernel, stride, padding, dilation, false);
  }

  /** As above; with {@code ceilMode} the output size rounds up (PyTorch's {@code ceil_mode}). */
  public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    this(new PoolWindow(kernel, stride, padding, dilation, ceilMode));
  }

  private MaxPool2d(PoolWindow window) {
    this.window = window;
  }

  /**
   * True for a square window without dilation, the only one the fused conv and batch-norm ops take
   * ({@link #kernel()}, {@link #stride()}, {@link #padding()} describe it then).
   */
  public boolean square() {
    return window.square();
  }

  /** The window's height kH (its side k when square). */
  public int kernel() {
    return window.kh();
  }

  public int stride() {
    return window.sh();
  }

  public int padding() {
    return window.ph();
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    return Pooling.maxPool2d(x, window.geometry(), os[2], os[3]);
  }

  @Override
  public int[] outputShape(int[] s) {
    return window.outputShape(this, s);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("MaxPool2d", (f, rng) -> new MaxPool2d(PoolWindow.read(f, true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "MaxPool2d");
    window.write(m, true);
    return m;
  }

  @Override
  public String toString() {
    return "MaxPool2d(" + window + ")";
  }
}
