package dev.dendrite.explain;

import java.util.Locale;

/**
 * Output size of a convolution or pooling along one dimension, with the formula filled in.
 *
 * <p>Convolution and pooling (PyTorch's formula):
 * {@code out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1}, which for dilation 1
 * is the textbook {@code ⌊(in + 2·padding − kernel) / stride⌋ + 1}; {@code in} is the size
 * <em>before</em> padding. With {@code ceilMode} (pooling) the floor becomes a ceiling, but a
 * window may not start in the right padding.
 *
 * <p>Transposed convolution: {@code out = (in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1}.
 */
public record ConvArithmetic(int input, int kernel, int stride, int padding, int dilation, int outputPadding,
    boolean transposed, boolean ceilMode) {
  public ConvArithmetic {
    if (input < 1) throw new IllegalArgumentException("input size must be >= 1, got " + input);
    if (kernel < 1) throw new IllegalArgumentException("kernel size must be >= 1, got " + kernel);
    if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    if (dilation < 1) throw new IllegalArgumentException("dilation must be >= 1, got " + dilation);
    if (outputPadding < 0 || (outputPadding > 0 && outputPadding >= Math.max(stride, dilation))) {
      throw new IllegalArgumentException("output padding must be smaller than stride or dilation, got " + outputPadding);
    }
  }

  /** A plain convolution. */
  public static ConvArithmetic conv(int input, int kernel, int stride, int padding) {
    return new ConvArithmetic(input, kernel, stride, padding, 1, 0, false, false);
  }

  /** PyTorch's {@code padding='same'} for stride 1: total padding dilation·(kernel − 1), split evenly (extra on the right). */
  public static int samePadding(int kernel, int dilation) {
    return dilation * (kernel - 1) / 2;
  }

  /** The output size; throws when the kernel does not fit the padded input. */
  public int output() {
    if (transposed) return (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    int span = input + 2 * padding - dilation * (kernel - 1) - 1;
    if (span < 0) {
      throw new IllegalArgumentException("kernel " + kernel + (dilation > 1 ? " (dilation " + dilation + ")" : "")
          + " is larger than the padded input " + (input + 2 * padding));
    }
    int out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
    if (ceilMode && (out - 1) * stride >= input + padding) out--; // PyTorch: the last window must start inside
    return out;
  }

  /** The formula with the numbers in, e.g. {@code ⌊(16 + 2·2 − 3) / 1⌋ + 1 = 18}. */
  public String formula() {
    int out = output();
    if (transposed) {
      return String.format(Locale.ROOT, "(%d − 1)·%d − 2·%d + %s + %d + 1 = %d", input, stride, padding,
          dilation == 1 ? "(" + kernel + " − 1)" : dilation + "·(" + kernel + " − 1)", outputPadding, out);
    }
    String l = ceilMode ? "⌈" : "⌊", r = ceilMode ? "⌉" : "⌋";
    String k = dilation == 1 ? Integer.toString(kernel) : dilation + "·(" + kernel + " − 1) − 1";
    return String.format(Locale.ROOT, "%s(%d + 2·%d − %s) / %d%s + 1 = %d", l, input, padding, k, stride, r, out);
  }
}
