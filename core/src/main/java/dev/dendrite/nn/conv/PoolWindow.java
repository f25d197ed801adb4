package dev.dendrite.nn.conv;

import dev.dendrite.kernels.Im2col;
import dev.dendrite.nn.SpecFields;
import dev.dendrite.tensor.Shape;
import java.util.List;

/**
 * The window of {@link MaxPool2d} and {@link AvgPool2d}, per axis as PyTorch's tuples: kernel
 * kH×kW, stride (PyTorch's default: the kernel size), padding on each side (at most half the
 * kernel) and dilation (max pooling only); with {@code ceil}, PyTorch's {@code ceil_mode}.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − dH·(kH − 1) − 1)/sH⌋ + 1;
 * with {@code ceil} the division rounds up, but a last window must start inside the input or the
 * left padding.
 */
record PoolWindow(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, boolean ceil) {
  PoolWindow {
    if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || dh < 1 || dw < 1)
      throw new IllegalArgumentException(
          "pooling: kernel, stride and dilation must be >= 1, padding >= 0");
    if (ph * 2 > kh || pw * 2 > kw)
      throw new IllegalArgumentException(
          "pooling: padding " + pair(ph, pw) + " is more than half the kernel " + pair(kh, kw));
  }

  /** A square window without dilation. */
  PoolWindow(int kernel, int stride, int padding) {
    this(kernel, kernel, stride, stride, padding, padding, 1, 1, false);
  }

  /** Per-axis {height, width} values, floor mode unless {@code ceil}. */
  PoolWindow(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceil) {
    this(
        kernel[0],
        kernel[1],
        stride[0],
        stride[1],
        padding[0],
        padding[1],
        dilation[0],
        dilation[1],
        ceil);
  }

  /**
   * Reads {@code kernel}, {@code stride}, {@code padding} (and {@code dilation}), each an int or a
   * pair, and {@code ceilMode}.
   */
  static PoolWindow read(SpecFields f, boolean dilation) {
    int[] k = f.pair("kernel"), s = f.pair("stride", k), p = f.pair("padding", new int[2]);
    int[] d = dilation ? f.pair("dilation", new int[] {1, 1}) : new int[] {1, 1};
    return new PoolWindow(k, s, p, d, f.bool("ceilMode", false));
  }

  /** True for a k×k window with one stride and padding and no dilation: the fused ops' case. */
  boolean square() {
    return kh == kw && sh == sw && ph == pw && dh == 1 && dw == 1 && !ceil;
  }

  /** {kH, kW, sH, sW, pH, pW, dH, dW}, as {@code ops.Pooling} takes them. */
  int[] geometry() {
    return new int[] {kh, kw, sh, sw, ph, pw, dh, dw};
  }

  /** The output shape for input shape {@code s}; {@code layer} names the pool in errors. */
  int[] outputShape(Object layer, int[] s) {
    if (s.length != 4)
      throw new IllegalArgumentException(layer + " needs (N, C, H, W), got " + Shape.str(s));
    int ho = outSize(s[2], kh, sh, ph, dh), wo = outSize(s[3], kw, sw, pw, dw);
    // outSize divides with truncation, so a window larger than the padded input can still give 1
    // with stride > 1.
    if (ho < 1
        || wo < 1
        || s[2] + 2 * ph < dh * (kh - 1) + 1
        || s[3] + 2 * pw < dw * (kw - 1) + 1) {
      throw new IllegalArgumentException(
          layer + ": input " + Shape.str(s) + " is smaller than the window");
    }
    return new int[] {s[0], s[1], ho, wo};
  }

  /** Windows along an axis of size n, PyTorch's pooling_output_shape. */
  private int outSize(int n, int k, int s, int p, int d) {
    if (!ceil) return Im2col.outSize(n, k, s, p, d);
    int span = n + 2 * p - d * (k - 1) - 1;
    if (span < 0) return 0;
    int o = Math.ceilDiv(span, s) + 1;
    return (o - 1) * s >= n + p ? o - 1 : o; // the last window must not start in the right padding
  }

  /** Writes the fields {@link #read} reads: an int where both axes agree, else a pair. */
  void write(java.util.Map<String, Object> m, boolean dilation) {
    m.put("kernel", field(kh, kw));
    m.put("stride", field(sh, sw));
    m.put("padding", field(ph, pw));
    if (dilation && (dh != 1 || dw != 1)) m.put("dilation", field(dh, dw));
    if (ceil) m.put("ceilMode", true);
  }

  private static Object field(int a, int b) {
    return a == b ? (Object) a : List.of(a, b);
  }

  private static String pair(int a, int b) {
    return a == b ? String.valueOf(a) : "(" + a + ", " + b + ")";
  }

  @Override
  public String toString() {
    return "kernel="
        + pair(kh, kw)
        + ", stride="
        + pair(sh, sw)
        + ", padding="
        + pair(ph, pw)
        + (dh != 1 || dw != 1 ? ", dilation=" + pair(dh, dw) : "")
        + (ceil ? ", ceil_mode=true" : "");
  }
}
