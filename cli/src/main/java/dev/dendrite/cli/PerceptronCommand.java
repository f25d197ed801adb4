package dev.dendrite.cli;

import dev.dendrite.classic.Perceptron;
import dev.dendrite.tensor.Rng;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dendrite perceptron}: the perceptron rule on the logic gates, and why XOR defeats it. */
@Command(name = "perceptron", mixinStandardHelpOptions = true,
    description = "Train a perceptron (linear threshold unit, perceptron rule) on AND, OR and XOR.")
final class PerceptronCommand implements Callable<Integer> {
  @Option(names = "--gate", split = ",", description = "Which of and, or, xor, nand, nor (default: and,or,xor).")
  List<String> gates = List.of("and", "or", "xor");

  @Option(names = "--lr", description = "Learning rate η (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
  double lr;

  @Option(names = "--max-epochs", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int maxEpochs;

  @Option(names = "--verbose", description = "Print every epoch's errors and weights.")
  boolean verbose;

  private static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final Map<String, int[]> TRUTH = new LinkedHashMap<>();

  static {
    TRUTH.put("and", new int[] {0, 0, 0, 1});
    TRUTH.put("or", new int[] {0, 1, 1, 1});
    TRUTH.put("xor", new int[] {0, 1, 1, 0});
    TRUTH.put("nand", new int[] {1, 1, 1, 0});
    TRUTH.put("nor", new int[] {1, 0, 0, 0});
  }

  @Override
  public Integer call() {
    if (maxEpochs < 1) throw new IllegalArgumentException("--max-epochs must be >= 1, got " + maxEpochs);
    PrintStream out = System.out;
    for (String g : gates) {
      int[] t = TRUTH.get(g.toLowerCase(Locale.ROOT));
      if (t == null) throw new IllegalArgumentException("--gate: unknown gate " + g + " (use and, or, xor, nand, nor)");
      Perceptron p = new Perceptron(2, lr);
      Perceptron.Result r = p.fit(X, t, maxEpochs, new Rng(1));
      out.printf(Locale.ROOT, "%s: targets %s%n", g.toUpperCase(Locale.ROOT), java.util.Arrays.toString(t));
      for (Perceptron.Epoch e : r.epochs()) {
        if (verbose || e.epoch() <= 3 || e.epoch() == r.epochs().size()) {
          out.printf(Locale.ROOT, "  epoch %3d: %d errors, w = (%.2f, %.2f), b = %.2f%n",
              e.epoch(), e.errors(), e.weights()[0], e.weights()[1], e.bias());
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
