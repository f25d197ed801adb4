package dev.dendrite.nn.conv;

import dev.dendrite.kernels.Im2col;
import dev.dendrite.nn.SpecFields;
import dev.dendrite.tensor.Shape;
import java.util.List;

/**
 * The window of {@link MaxPool2d} and {@link AvgPool2d}, per axis as PyTorch's tuples: kernel
 * kH×kW, stride (PyTorch's default: the kernel size), padding on each side (at most half the
 * kernel) and dilation (max pooling only).
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·pH − dH·(kH − 1) − 1)/sH⌋ + 1.
 */
record PoolWindow(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
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
    this(kernel, kernel, stride, stride, padding, padding, 1, 1);
  }

  /**
   * Reads {@code kernel}, {@code stride}, {@code padding} (and {@code dilation}), each an int or a
   * pair.
   */
  static PoolWindow read(SpecFields f, boolean dilation) {
    int[] k = f.pair("kernel"), s = f.pair("stride", k), p = f.pair("padding", new int[2]);
    int[] d = dilation ? f.pair("dilation", new int[] {1, 1}) : new int[] {1, 1};
    return new PoolWindow(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
  }

  /** True for a k×k window with one stride and padding and no dilation: the fused ops' case. */
  boolean square() {
    return kh == kw && sh == sw && ph == pw && dh == 1 && dw == 1;
  }

  /** {kH, kW, sH, sW, pH, pW, dH, dW}, as {@code ops.Pooling} takes them. */
  int[] geometry() {
    return new int[] {kh, kw, sh, sw, ph, pw, dh, dw};
  }

  /** The output shape for input shape {@code s}; {@code layer} names the pool in errors. */
  int[] outputShape(Object layer, int[] s) {
    if (s.length != 4)
      throw new IllegalArgumentException(layer + " needs (N, C, H, W), got " + Shape.str(s));
    int ho = Im2col.outSize(s[2], kh, sh, ph, dh), wo = Im2col.outSize(s[3], kw, sw, pw, dw);
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

  /** Writes the fields {@link #read} reads: an int where both axes agree, else a pair. */
  void write(java.util.Map<String, Object> m, boolean dilation) {
    m.put("kernel", field(kh, kw));
    m.put("stride", field(sh, sw));
    m.put("padding", field(ph, pw));
    if (dilation && (dh != 1 || dw != 1)) m.put("dilation", field(dh, dw));
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
        + (dh != 1 || dw != 1 ? ", dilation=" + pair(dh, dw) : "");
  }
}
