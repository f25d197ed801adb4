package dev.dendrite.cli;

import dev.dendrite.explain.ConvArithmetic;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite conv-size}: a convolution's or pooling's output size, with the formula filled in.
 */
@Command(
    name = "conv-size",
    mixinStandardHelpOptions = true,
    description = {
      "Output size of a convolution, pooling or transposed convolution, with the formula filled"
          + " in.",
      "Sizes may be rectangular: --input 28x32 --kernel 3x5.",
      "--explain-notes: why the lecture notes answer 21 × 21 for input 16, kernel 3, padding 2 (it"
          + " is 18 × 18).",
      "--spec FILE --input C,H,W: every layer's output shape for a whole model, with each conv/pool"
          + " formula."
    })
final class ConvSizeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      description =
          "Input size before padding: N or HxW; with --spec, one example's shape, e.g. 1,28,28.")
  String input;

  @Option(names = "--kernel", description = "Kernel (window) size: K or KHxKW.")
  String kernel;

  @Option(names = "--stride", description = "Stride (default: 1, or the kernel size with --pool).")
  String stride;

  @Option(
      names = "--padding",
      description = "Zero padding per side, or 'same' (stride 1) (default: 0).")
  String padding;

  @Option(
      names = "--dilation",
      description = "Dilation (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  String dilation;

  @Option(names = "--pool", description = "Pooling: the stride defaults to the kernel size.")
  boolean pool;

  @Option(names = "--ceil", description = "Pooling with ceil_mode: round up instead of down.")
  boolean ceil;

  @Option(names = "--transpose", description = "Transposed convolution.")
  boolean transpose;

  @Option(
      names = "--output-padding",
      description = "Transposed convolution's output padding (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  String outputPadding;

  @Option(
      names = "--explain-notes",
      description =
          "Explain the lecture notes' mistake of counting the padding twice "
              + "(default numbers: the notes' input 16, kernel 3, stride 1, padding 2).")
  boolean explainNotes;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description =
          "A model spec (.json) or archive (.dnd): print each layer's output shape for --input"
              + " C,H,W.")
  Path model;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (model != null) return wholeModel(out);
    if (explainNotes) {
      if (input == null) input = "16";
      if (kernel == null) kernel = "3";
      if (padding == null) padding = "2";
    }
    if (padding == null) padding = "0";
    if (input == null || kernel == null)
      throw Shared.usage(spec, "needs --input and --kernel (or --spec FILE, or --explain-notes)");
    int[] in = pair("--input", input),
        k = pair("--kernel", kernel),
        d = pair("--dilation", dilation);
    int[] s = stride != null ? pair("--stride", stride) : pool ? k : new int[] {1, 1};
    int[] op = pair("--output-padding", outputPadding);
    boolean same = padding.equalsIgnoreCase("same");
    if (same && (s[0] != 1 || s[1] != 1))
      throw Shared.usage(spec, "--padding same needs stride 1, as in PyTorch");
    int[] p =
        same
            ? new int[] {
              ConvArithmetic.samePadding(k[0], d[0]), ConvArithmetic.samePadding(k[1], d[1])
            }
            : pair("--padding", padding);
    String what = transpose ? "transposed convolution" : pool ? "pooling" : "convolution";
    String[] axes = {"height", "width"};
    boolean square =
        in[0] == in[1]
            && k[0] == k[1]
            && s[0] == s[1]
            && p[0] == p[1]
            && d[0] == d[1]
            && op[0] == op[1];
    ConvArithmetic[] c = new ConvArithmetic[2];
    for (int i = 0; i < 2; i++)
      c[i] = new ConvArithmetic(in[i], k[i], s[i], p[i], d[i], op[i], transpose, ceil);
    for (int i = 0; i < (square ? 1 : 2); i++)
      out.printf(Locale.ROOT, "%s%s%n", square ? "" : axes[i] + ": ", c[i].formula());
    out.printf(Locale.ROOT, "so the %s gives %d × %d%n", what, c[0].output(), c[1].output());
    if (same && (d[0] * (k[0] - 1)) % 2 == 1)
      out.println(
          "(an even kernel needs one more padding on the right than on the left for 'same')");
    if (explainNotes) notes(out, c, square);
    return 0;
  }

  /**
   * Why the lecture notes answer 21 × 21 for input 16, kernel 3, stride 1, padding 2: their working
   * puts the already padded size 20 into a formula that adds 2·padding again. Done consistently
   * that double count gives 22; the notes' 21 is 20 + 2·2 − 3, the + 1 of the formula left out as
   * well.
   */
  private void notes(PrintWriter out, ConvArithmetic[] c, boolean square) {
    if (c[0].transposed())
      throw Shared.usage(
          spec, "--explain-notes is about the size of a (non-transposed) convolution");
    ConvArithmetic[] twice = {c[0].paddedTwice(), c[1].paddedTwice()},
        pre = {c[0].prePadded(), c[1].prePadded()};
    out.println();
    out.printf(
        Locale.ROOT,
        "Counting the padding twice: pad the input first, to %s, then put that padded size into"
            + " the%n",
        square ? Integer.toString(pre[0].input()) : pre[0].input() + " × " + pre[1].input());
    out.println("formula, whose 2·padding term pads it a second time:");
    for (int i = 0; i < (square ? 1 : 2); i++) {
      out.printf(
          Locale.ROOT,
          "  %s%s   (wrong: the padding counted twice)%n",
          square ? "" : (i == 0 ? "height: " : "width: "),
          twice[i].formula());
    }
    ConvArithmetic ex = ConvArithmetic.conv(16, 3, 1, 2), exTwice = ex.paddedTwice();
    int notes = exTwice.input() + 2 * ex.padding() - ex.kernel();
    out.printf(
        Locale.ROOT,
        "That is the lecture notes' mistake. For their example (input %d, kernel %d, stride %d,"
            + " padding %d) they%n",
        ex.input(),
        ex.kernel(),
        ex.stride(),
        ex.padding());
    out.printf(
        Locale.ROOT,
        "answer %d × %d: %d + 2·%d − %d = %d, the padded %d with 2·padding added again (and the"
            + " formula's + 1%n",
        notes,
        notes,
        exTwice.input(),
        ex.padding(),
        ex.kernel(),
        notes,
        exTwice.input());
    out.printf(
        Locale.ROOT,
        "left out, else the double count would give %d); the right answer is %d × %d.%n",
        exTwice.output(),
        ex.output(),
        ex.output());
    out.println(
        "In ⌊(in + 2·padding − kernel) / stride⌋ + 1, 'in' is the size before padding. Count the"
            + " padding once,");
    out.println("either in the formula or in the input; both give the same answer:");
    for (int i = 0; i < (square ? 1 : 2); i++) {
      String axis = square ? "" : (i == 0 ? "height: " : "width: ");
      out.printf(
          Locale.ROOT, "  %s%s   (unpadded input, padding in the formula)%n", axis, c[i].formula());
      out.printf(
          Locale.ROOT, "  %s%s   (padded input, no padding left to add)%n", axis, pre[i].formula());
    }
    if (c[0].stride() == 1 && c[0].dilation() == 1) {
      out.printf(
          Locale.ROOT,
          "Check by counting: a %d-wide window fits at %d − %d + 1 = %d positions of the %d-wide"
              + " padded input.%n",
          c[0].kernel(),
          pre[0].input(),
          c[0].kernel(),
          pre[0].output(),
          pre[0].input());
    }
  }

  /**
   * Each layer of a model with its output shape, and for conv and pooling layers the formula per
   * axis.
   */
  private int wholeModel(PrintWriter out) throws IOException {
    if (input == null)
      throw Shared.usage(
          spec, "--spec needs --input with one example's shape, e.g. --input 1,28,28");
    int[] shape;
    try {
      shape = Shared.batched(1, new Converters.Shape().convert(input).values());
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw Shared.usage(spec, "--input: " + e.getMessage());
    }
    Module m = Shared.loadModel(model);
    List<Module> layers = m instanceof Sequential seq ? seq.layers() : List.of(m);
    out.printf(Locale.ROOT, "input %s (batch of 1)%n", Shape.str(shape));
    for (int i = 0; i < layers.size(); i++) {
      Module l = layers.get(i);
      int[] next;
      try {
        next = l.outputShape(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            model
                + ": layer "
                + i
                + " ("
                + l
                + "), input "
                + Shape.str(shape)
                + ": "
                + e.getMessage(),
            e);
      }
      out.printf(Locale.ROOT, "%2d  %-45s → %s%n", i, l, Shape.str(next));
      List<ConvArithmetic> axes =
          shape.length >= 3 && next.length == shape.length ? arithmetic(l, shape) : List.of();
      boolean agrees = !axes.isEmpty();
      for (int a = 0; a < axes.size() && agrees; a++)
        agrees = axes.get(a).output() == next[shape.length - axes.size() + a];
      if (agrees) {
        String[] names = axes.size() == 2 ? new String[] {"H", "W"} : new String[] {"L"};
        for (int a = 0; a < axes.size(); a++)
          out.printf(Locale.ROOT, "      %s: %s%n", names[a], axes.get(a).formula());
      }
      shape = next;
    }
    out.printf(Locale.ROOT, "output %s, %,d parameters%n", Shape.str(shape), m.parameterCount());
    return 0;
  }

  private static List<ConvArithmetic> arithmetic(Module l, int[] shape) {
    java.util.Map<String, Object> s;
    try {
      s = l.spec();
    } catch (UnsupportedOperationException e) {
      return List.of();
    }
    int spatial = String.valueOf(s.get("type")).endsWith("1d") ? 1 : 2;
    if (shape.length != spatial + 2) return List.of();
    return ConvArithmetic.ofLayer(s, java.util.Arrays.copyOfRange(shape, 2, shape.length));
  }

  private int[] pair(String option, String v) {
    int[] p = Converters.pair(v);
    if (p == null) throw Shared.usage(spec, option + ": expected N or HxW, got " + v);
    return p;
  }
}
