package dev.dendrite.cli;

import dev.dendrite.explain.ConvArithmetic;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dendrite conv-size}: a convolution's or pooling's output size, with the formula filled in. */
@Command(name = "conv-size", mixinStandardHelpOptions = true,
    description = {"Output size of a convolution, pooling or transposed convolution, with the formula filled in.",
        "Sizes may be rectangular: --input 28x32 --kernel 3x5."})
final class ConvSizeCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Input size before padding: N or HxW.")
  String input;

  @Option(names = "--kernel", required = true, description = "Kernel (window) size: K or KHxKW.")
  String kernel;

  @Option(names = "--stride", description = "Stride (default: 1, or the kernel size with --pool).")
  String stride;

  @Option(names = "--padding", description = "Zero padding per side, or 'same' (stride 1) (default: 0).", defaultValue = "0")
  String padding;

  @Option(names = "--dilation", description = "Dilation (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  String dilation;

  @Option(names = "--pool", description = "Pooling: the stride defaults to the kernel size.")
  boolean pool;

  @Option(names = "--ceil", description = "Pooling with ceil_mode: round up instead of down.")
  boolean ceil;

  @Option(names = "--transpose", description = "Transposed convolution.")
  boolean transpose;

  @Option(names = "--output-padding", description = "Transposed convolution's output padding (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  String outputPadding;

  @Override
  public Integer call() {
    int[] in = pair("--input", input), k = pair("--kernel", kernel), d = pair("--dilation", dilation);
    int[] s = stride != null ? pair("--stride", stride) : pool ? k : new int[] {1, 1};
    int[] op = pair("--output-padding", outputPadding);
    boolean same = padding.equalsIgnoreCase("same");
    if (same && (s[0] != 1 || s[1] != 1)) throw new IllegalArgumentException("--padding same needs stride 1, as in PyTorch");
    int[] p = same ? new int[] {ConvArithmetic.samePadding(k[0], d[0]), ConvArithmetic.samePadding(k[1], d[1])} : pair("--padding", padding);
    String what = transpose ? "transposed convolution" : pool ? "pooling" : "convolution";
    int[] out = new int[2];
    String[] axes = {"height", "width"};
    boolean square = in[0] == in[1] && k[0] == k[1] && s[0] == s[1] && p[0] == p[1] && d[0] == d[1] && op[0] == op[1];
    for (int i = 0; i < (square ? 1 : 2); i++) {
      ConvArithmetic c = new ConvArithmetic(in[i], k[i], s[i], p[i], d[i], op[i], transpose, ceil);
      out[i] = c.output();
      System.out.printf(Locale.ROOT, "%s%s%n", square ? "" : axes[i] + ": ", c.formula());
    }
    if (square) out[1] = out[0];
    System.out.printf(Locale.ROOT, "so the %s gives %d × %d%n", what, out[0], out[1]);
    if (same && (d[0] * (k[0] - 1)) % 2 == 1) System.out.println("(an even kernel needs one more padding on the right than on the left for 'same')");
    return 0;
  }

  static int[] pair(String option, String v) {
    String[] parts = v.toLowerCase(Locale.ROOT).split("[x×,]");
    try {
      if (parts.length == 1) {
        int n = Integer.parseInt(parts[0].trim());
        return new int[] {n, n};
      }
      if (parts.length == 2) return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(option + ": expected N or HxW, got " + v);
  }
}
