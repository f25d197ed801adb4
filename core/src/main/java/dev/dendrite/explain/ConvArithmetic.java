package dev.dendrite.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Output size of a convolution or pooling along one dimension, with the formula filled in.
 *
 * <p>Convolution and pooling (PyTorch's formula): {@code out = ⌊(in + 2·padding − dilation·(kernel
 * − 1) − 1) / stride⌋ + 1}, which for dilation 1 is the textbook {@code ⌊(in + 2·padding − kernel)
 * / stride⌋ + 1}; {@code in} is the size <em>before</em> padding. With {@code ceilMode} (pooling)
 * the floor becomes a ceiling, but a window may not start in the right padding.
 *
 * <p>Transposed convolution: {@code out = (in − 1)·stride − 2·padding + dilation·(kernel − 1) +
 * outputPadding + 1}.
 */
public record ConvArithmetic(
    int input,
    int kernel,
    int stride,
    int padding,
    int dilation,
    int outputPadding,
    boolean transposed,
    boolean ceilMode) {
  public ConvArithmetic {
    if (input < 1) throw new IllegalArgumentException("input size must be >= 1, got " + input);
    if (kernel < 1) throw new IllegalArgumentException("kernel size must be >= 1, got " + kernel);
    if (stride < 1) throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    if (padding < 0) throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    if (dilation < 1) throw new IllegalArgumentException("dilation must be >= 1, got " + dilation);
    if (outputPadding < 0 || (outputPadding > 0 && outputPadding >= Math.max(stride, dilation))) {
      throw new IllegalArgumentException(
          "output padding must be smaller than stride or dilation, got " + outputPadding);
    }
  }

  /** A plain convolution. */
  public static ConvArithmetic conv(int input, int kernel, int stride, int padding) {
    return new ConvArithmetic(input, kernel, stride, padding, 1, 0, false, false);
  }

  /**
   * PyTorch's {@code padding='same'} for stride 1: total padding dilation·(kernel − 1), split
   * evenly (extra on the right).
   */
  public static int samePadding(int kernel, int dilation) {
    return dilation * (kernel - 1) / 2;
  }

  /**
   * The lecture notes' mistake: the size after padding put into the formula, which adds 2·padding a
   * second time. For input 16, kernel 3, stride 1, padding 2 the notes pad to 20 and answer (20 +
   * 2·2 − 3) / 1 + 1 = 21 instead of 18.
   */
  public ConvArithmetic paddedTwice() {
    return new ConvArithmetic(
        input + 2 * padding,
        kernel,
        stride,
        padding,
        dilation,
        outputPadding,
        transposed,
        ceilMode);
  }

  /**
   * The same layer seen from the padded input: padding 0 and input + 2·padding, which gives the
   * same output.
   */
  public ConvArithmetic prePadded() {
    return new ConvArithmetic(
        input + 2 * padding, kernel, stride, 0, dilation, outputPadding, transposed, ceilMode);
  }

  /**
   * The arithmetic of each spatial axis of a layer described by its spec ({@code Module.spec()}):
   * Conv1d/Conv2d/ConvTranspose1d/ConvTranspose2d and max/average pooling, whose {@code kernel},
   * {@code stride}, {@code padding}, {@code dilation} and {@code outputPadding} are numbers or one
   * per axis ({@code padding} may be {@code "same"}). {@code sizes} are the input's spatial sizes.
   * Empty for any other layer.
   */
  public static List<ConvArithmetic> ofLayer(Map<String, Object> spec, int... sizes) {
    Object type = spec.get("type");
    if (!(type instanceof String t) || !t.matches("Conv(Transpose)?[12]d|(Max|Avg)Pool[12]d"))
      return List.of();
    boolean pool = t.contains("Pool"), transposed = t.contains("Transpose");
    List<ConvArithmetic> axes = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      int k = axis(spec, "kernel", i, -1);
      if (k < 0) return List.of();
      int d = axis(spec, "dilation", i, 1);
      // padding "same" (stride 1): PyTorch pads dilation·(k − 1) in all, the odd one on the right;
      // shown here as the symmetric part.
      int p = "same".equals(spec.get("padding")) ? samePadding(k, d) : axis(spec, "padding", i, 0);
      axes.add(
          new ConvArithmetic(
              sizes[i],
              k,
              axis(spec, "stride", i, pool ? k : 1),
              p,
              d,
              axis(spec, "outputPadding", i, 0),
              transposed,
              Boolean.TRUE.equals(spec.get("ceilMode"))));
    }
    return axes;
  }

  private static int axis(Map<String, Object> spec, String key, int i, int dflt) {
    Object v = spec.get(key);
    if (v instanceof Number n) return n.intValue();
    if (v instanceof List<?> l && i < l.size() && l.get(i) instanceof Number n) return n.intValue();
    return dflt;
  }

  /** The output size; throws when the kernel does not fit the padded input. */
  public int output() {
    if (transposed)
      return (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    int span = input + 2 * padding - dilation * (kernel - 1) - 1;
    if (span < 0) {
      throw new IllegalArgumentException(
          "kernel "
              + kernel
              + (dilation > 1 ? " (dilation " + dilation + ")" : "")
              + " is larger than the padded input "
              + (input + 2 * padding));
    }
    int out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
    if (ceilMode && (out - 1) * stride >= input + padding)
      out--; // PyTorch: the last window must start inside
    return out;
  }

  /** The formula with the numbers in, e.g. {@code ⌊(16 + 2·2 − 3) / 1⌋ + 1 = 18}. */
  public String formula() {
    int out = output();
    if (transposed) {
      return String.format(
          Locale.ROOT,
          "(%d − 1)·%d − 2·%d + %s + %d + 1 = %d",
          input,
          stride,
          padding,
          dilation == 1 ? "(" + kernel + " − 1)" : dilation + "·(" + kernel + " − 1)",
          outputPadding,
          out);
    }
    String l = ceilMode ? "⌈" : "⌊", r = ceilMode ? "⌉" : "⌋";
    String k = dilation == 1 ? Integer.toString(kernel) : dilation + "·(" + kernel + " − 1) − 1";
    return String.format(
        Locale.ROOT, "%s(%d + 2·%d − %s) / %d%s + 1 = %d", l, input, padding, k, stride, r, out);
  }
}
