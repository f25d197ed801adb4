package dev.dendrite.cli;

import dev.dendrite.classic.Perceptron;
import dev.dendrite.tensor.Rng;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite perceptron}: the perceptron rule on the logic gates, and why XOR defeats it. */
@Command(
    name = "perceptron",
    mixinStandardHelpOptions = true,
    description = "Train a perceptron (linear threshold unit, perceptron rule) on AND, OR and XOR.")
final class PerceptronCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--gate",
      split = ",",
      description = "Which of and, or, xor, nand, nor (default: and,or,xor).")
  List<String> gates = List.of("and", "or", "xor");

  @Option(
      names = "--lr",
      description = "Learning rate η (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double lr;

  @Option(
      names = "--max-epochs",
      description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).",
      defaultValue = "50")
  int maxEpochs;

  @Option(names = "--verbose", description = "Print every epoch's errors and weights.")
  boolean verbose;

  @Option(
      names = "--csv",
      description =
          "Train on a CSV file instead: numeric feature columns and a two-class label column.")
  java.nio.file.Path csv;

  @Option(
      names = "--label",
      description = "The label column of --csv (default: ${DEFAULT-VALUE}).",
      defaultValue = "label")
  String label;

  private static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final Map<String, int[]> TRUTH = new LinkedHashMap<>();

  static {
    TRUTH.put("and", new int[] {0, 0, 0, 1});
    TRUTH.put("or", new int[] {0, 1, 1, 1});
    TRUTH.put("xor", new int[] {0, 1, 1, 0});
    TRUTH.put("nand", new int[] {1, 1, 1, 0});
    TRUTH.put("nor", new int[] {1, 0, 0, 0});
  }

  private int fromCsv(PrintWriter out) throws java.io.IOException {
    dev.dendrite.data.Labeled d = dev.dendrite.data.Csv.read(csv, label);
    if (d.classes().size() != 2) {
      throw new IllegalArgumentException(
          csv
              + ": the perceptron separates two classes; column "
              + label
              + " has "
              + d.classes().size()
              + " "
              + d.classes());
    }
    int n = d.size(), f = d.features().size(1);
    double[][] x = new double[n][f];
    float[] v = d.features().toArray();
    for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) x[i][j] = v[i * f + j];
    Perceptron p = new Perceptron(f, lr);
    Perceptron.Result r = p.fit(x, d.labels(), maxEpochs, new Rng(1));
    Perceptron.Epoch last = r.epochs().get(r.epochs().size() - 1);
    out.printf(
        Locale.ROOT,
        "%s: %s, %s, classes %s = 0, 1%n",
        csv,
        Shared.plural(n, "example"),
        Shared.plural(f, "feature"),
        d.classes());
    out.printf(
        Locale.ROOT,
        "  %s in the last epoch; w = %s, b = %.3f%n  %s%n",
        Shared.plural(last.errors(), "error"),
        java.util.Arrays.toString(last.weights()),
        last.bias(),
        r.verdict());
    return 0;
  }

  @Override
  public Integer call() throws java.io.IOException {
    if (maxEpochs < 1) throw Shared.usage(spec, "--max-epochs must be >= 1, got " + maxEpochs);
    PrintWriter out = spec.commandLine().getOut();
    if (csv != null) return fromCsv(out);
    for (String g : gates) {
      int[] t = TRUTH.get(g.toLowerCase(Locale.ROOT));
      if (t == null)
        throw Shared.usage(spec, "--gate: unknown gate " + g + " (use and, or, xor, nand, nor)");
      Perceptron p = new Perceptron(2, lr);
      Perceptron.Result r = p.fit(X, t, maxEpochs, new Rng(1));
      out.printf(
          Locale.ROOT,
          "%s: targets %s%n",
          g.toUpperCase(Locale.ROOT),
          java.util.Arrays.toString(t));
      for (Perceptron.Epoch e : r.epochs()) {
        if (verbose || e.epoch() <= 3 || e.epoch() == r.epochs().size()) {
          out.printf(
              Locale.ROOT,
              "  epoch %3d: %s, w = (%.2f, %.2f), b = %.2f%n",
              e.epoch(),
              Shared.plural(e.errors(), "error"),
              e.weights()[0],
              e.weights()[1],
              e.bias());
        } else if (e.epoch() == 4) {
          out.println("  ...");
        }
      }
      StringBuilder preds = new StringBuilder();
      for (double[] x : X) preds.append(preds.isEmpty() ? "" : ", ").append(p.predict(x));
      out.printf(Locale.ROOT, "  outputs [%s]; %s%n%n", preds, r.verdict());
    }
    return 0;
  }
}
