package dev.dendrite.nn.conv;

import dev.dendrite.kernels.Im2col;
import dev.dendrite.tensor.Shape;

/**
 * The square window of {@link MaxPool2d} and {@link AvgPool2d}: kernel k×k, stride (PyTorch's
 * default: the kernel size) and zero padding on each side, at most half the kernel.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H_out, W_out), H_out = ⌊(H + 2·padding − kernel)/stride⌋ + 1.
 */
record PoolWindow(int kernel, int stride, int padding) {
  PoolWindow {
    if (kernel < 1 || stride < 1 || padding < 0)
      throw new IllegalArgumentException("pooling: kernel and stride must be >= 1, padding >= 0");
    if (padding * 2 > kernel)
      throw new IllegalArgumentException(
          "pooling: padding " + padding + " is more than half the kernel " + kernel);
  }

  /** The output shape for input shape {@code s}; {@code layer} names the pool in errors. */
  int[] outputShape(Object layer, int[] s) {
    if (s.length != 4)
      throw new IllegalArgumentException(layer + " needs (N, C, H, W), got " + Shape.str(s));
    int ho = Im2col.outSize(s[2], kernel, stride, padding, 1),
        wo = Im2col.outSize(s[3], kernel, stride, padding, 1);
    // outSize divides with truncation, so a window larger than the padded input can still give 1
    // with stride > 1.
    if (ho < 1 || wo < 1 || s[2] + 2 * padding < kernel || s[3] + 2 * padding < kernel) {
      throw new IllegalArgumentException(
          layer + ": input " + Shape.str(s) + " is smaller than the window");
    }
    return new int[] {s[0], s[1], ho, wo};
  }

  @Override
  public String toString() {
    return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
  }
}
