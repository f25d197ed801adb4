package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Shape;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite compare-params}: a dense network and a CNN side by side, parameters per layer
 * with the formula behind each count, and why convolution needs so few of them (weight sharing).
 */
@Command(
    name = "compare-params",
    mixinStandardHelpOptions = true,
    description = {
      "A dense network and a CNN side by side: parameters per layer and in total, and why the CNN"
          + " needs fewer.",
      "Specs (.json) or trained archives (.dnd); archives, or --train-epochs, add their"
          + " Fashion-MNIST test accuracies."
    })
final class CompareParamsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dense",
      description = "The dense network (default: ${DEFAULT-VALUE}).",
      defaultValue = "examples/specs/mlp-fashion.json")
  Path dense;

  @Option(
      names = "--cnn",
      description = "The CNN (default: ${DEFAULT-VALUE}).",
      defaultValue = "examples/specs/cnn-small-fashion.json")
  Path cnn;

  @Option(
      names = "--input",
      converter = Converters.Shape.class,
      paramLabel = "SHAPE",
      description =
          "One example's shape, e.g. 784 or 1,28,28 (default: ${DEFAULT-VALUE}, a flattened 28×28"
              + " image).",
      defaultValue = "784")
  Converters.Sizes input;

  @Option(
      names = "--train-epochs",
      description =
          "Train both on Fashion-MNIST for N epochs (Adam, lr 0.001, batch 64) and compare test"
              + " accuracy.")
  Integer trainEpochs;

  @Option(
      names = "--limit",
      description = "With --train-epochs: use only the first N training and N test examples.")
  Integer limit;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  /**
   * One layer that owns parameters: its description, output shape, count and the count's formula.
   */
  record Row(String layer, long inputs, int[] out, long params, String formula) {
    long features() {
      long f = 1;
      for (int i = 1; i < out.length; i++) f *= out[i];
      return f;
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    if (trainEpochs != null && trainEpochs < 1)
      throw Shared.usage(spec, "--train-epochs must be >= 1, got " + trainEpochs);
    if (limit != null && limit < 1) throw Shared.usage(spec, "--limit must be >= 1, got " + limit);
    int[] shape = Shared.batched(1, input.values());
    Module d = Shared.loadModel(dense), c = Shared.loadModel(cnn);
    List<Row> dr = rows(d, shape, dense), cr = rows(c, shape, cnn);

    // One table above the other, columns shared: side by side they were 190 columns wide.
    String[] head = {"layer", "output", "params", "= formula", "per feature"};
    List<String[]> left = cells(dr), right = cells(cr);
    List<String[]> all = new ArrayList<>(left);
    all.addAll(right);
    int[] w = widths(head, all);
    String rule = "─".repeat(line(head, w).strip().length());
    long dt = d.parameterCount(), ct = c.parameterCount();
    table(out, "dense: " + dense, head, left, w, rule, dt);
    out.println();
    table(out, "CNN: " + cnn, head, right, w, rule, ct);
    out.printf(
        Locale.ROOT,
        "The CNN has %s parameters than the dense network.%n%n",
        ct <= dt
            ? String.format(Locale.ROOT, "%.1f times fewer", (double) dt / ct)
            : String.format(Locale.ROOT, "%.1f times more", (double) ct / dt));
    explain(out, dr, cr);
    accuracies(out, d, c);
    return 0;
  }

  private static void table(
      PrintWriter out,
      String title,
      String[] head,
      List<String[]> rows,
      int[] w,
      String rule,
      long total) {
    out.println(title);
    out.println(line(head, w).stripTrailing());
    out.println(rule);
    for (String[] r : rows) out.println(line(r, w).stripTrailing());
    out.printf(Locale.ROOT, "total %,d parameters%n", total);
  }

  /** Every layer with parameters, in order, with its output shape for {@code shape}. */
  static List<Row> rows(Module m, int[] shape, Path file) {
    List<Module> layers = m instanceof Sequential s ? s.layers() : List.of(m);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Module l = layers.get(i);
      long inputs = 1;
      for (int k = 1; k < shape.length; k++) inputs *= shape[k];
      try {
        shape = l.outputShape(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file
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
      // stride=1 is the default and the formula column shows the kernel: dropping it keeps the
      // table within 100 columns.
      if (l.parameterCount() > 0)
        rows.add(
            new Row(
                i + ": " + l.toString().replace(", stride=1", ""),
                inputs,
                shape,
                l.parameterCount(),
                formula(l)));
    }
    return rows;
  }

  /**
   * The count as the sum of the parameter shapes' products, e.g. 16·1·3·3 + 16 for a Conv2d's
   * weight and bias.
   */
  static String formula(Module l) {
    List<String> terms = new ArrayList<>();
    for (Parameter p : l.parameters()) {
      int[] s = p.shape();
      StringBuilder t = new StringBuilder();
      for (int k = 0; k < s.length; k++) t.append(k == 0 ? "" : "·").append(s[k]);
      terms.add(t.toString());
    }
    return String.join(" + ", terms);
  }

  private static List<String[]> cells(List<Row> rows) {
    List<String[]> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new String[] {
            r.layer(),
            Shape.str(r.out()),
            String.format(Locale.ROOT, "%,d", r.params()),
            "= " + r.formula(),
            String.format(Locale.ROOT, "%.3g", (double) r.params() / r.features())
          });
    }
    return out;
  }

  private static int[] widths(String[] head, List<String[]> rows) {
    int[] w = new int[head.length];
    for (int k = 0; k < head.length; k++) w[k] = head[k].length();
    for (String[] r : rows) for (int k = 0; k < r.length; k++) w[k] = Math.max(w[k], r[k].length());
    return w;
  }

  private static String line(String[] cells, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < cells.length; k++) {
      String f = k == 2 || k == 4 ? "%" + w[k] + "s  " : "%-" + w[k] + "s  ";
      sb.append(String.format(Locale.ROOT, f, cells[k]));
    }
    return sb.toString();
  }

  /**
   * Weight sharing, with the numbers of the CNN's first convolution and the dense network's first
   * layer.
   */
  private static void explain(PrintWriter out, List<Row> dr, List<Row> cr) {
    Row conv =
        cr.stream()
            .filter(r -> r.layer().contains("Conv") && r.out().length == 4)
            .findFirst()
            .orElse(null);
    out.println("Why the CNN needs fewer parameters per feature: weight sharing.");
    if (conv == null) {
      out.println("(the second network has no 2-D convolution to explain)");
      return;
    }
    int[] o = conv.out();
    long positions = (long) o[2] * o[3],
        perFilter = conv.params() / o[1],
        features = conv.features();
    out.printf(
        Locale.ROOT,
        "  The first convolution, %s, computes%n  %d feature maps of %d × %d = %,d features with"
            + " %,d parameters.%n",
        conv.layer().replaceFirst("^\\d+: ", ""),
        o[1],
        o[2],
        o[3],
        features,
        conv.params());
    out.printf(
        Locale.ROOT,
        "  Each of its %d filters (%,d numbers: weights and a bias) is slid over all %,d positions:"
            + " the same%n",
        o[1],
        perFilter,
        positions);
    out.printf(
        Locale.ROOT,
        "  numbers compute %,d features, so %.3g parameters per feature. Each feature also sees"
            + " only a small%n",
        positions,
        (double) conv.params() / features);
    out.println("  window of its input (local connectivity), not every pixel.");
    if (!dr.isEmpty()) {
      Row first = dr.get(0);
      long in = conv.inputs();
      out.printf(
          Locale.ROOT,
          "  A dense layer has its own weight from every input to every feature: the dense"
              + " network's%n");
      out.printf(
          Locale.ROOT,
          "  %s spends %.3g parameters per feature (%,d·%,d + %,d in all).%n",
          first.layer().replaceFirst("^\\d+: ", ""),
          (double) first.params() / first.features(),
          first.inputs(),
          first.features(),
          first.features());
      out.printf(
          Locale.ROOT,
          "  A dense layer computing the convolution's %,d features from the same %,d inputs would"
              + " need%n",
          features,
          in);
      out.printf(
          Locale.ROOT,
          "  %,d·%,d + %,d = %,d parameters, %,d per feature.%n",
          in,
          features,
          features,
          in * features + features,
          in + 1);
    }
    out.println(
        "  A convolution's count, C_out·C_in·kH·kW + C_out, does not depend on the image size; a"
            + " dense layer's,");
    out.println("  in·out + out, grows with both the input and the output.");
  }

  private void accuracies(PrintWriter out, Module d, Module c) throws IOException {
    boolean archives = !dense.toString().endsWith(".json") || !cnn.toString().endsWith(".json");
    if (trainEpochs == null && !archives) return;
    Labeled train = null, test = DataSets.fashionMnist(false, out);
    if (limit != null) test = head(test, limit);
    out.println();
    if (trainEpochs != null) {
      train = DataSets.fashionMnist(true, out);
      if (limit != null) train = head(train, limit);
      out.printf(
          Locale.ROOT,
          "Training both on %,d Fashion-MNIST images for %s (Adam, lr 0.001, batch 64, seed %d):%n",
          train.size(),
          Shared.plural(trainEpochs, "epoch"),
          seed.seed);
    }
    String[] names = {"dense", "CNN"};
    Module[] models = {d, c};
    Path[] files = {dense, cnn};
    for (int i = 0; i < 2; i++) {
      Module m = models[i];
      Labeled t = test;
      if (trainEpochs != null) {
        new Trainer(
                m,
                new CrossEntropyLoss(),
                new Adam(1e-3).create(m.parameters()),
                new TrainConfig(trainEpochs, 64, seed.seed))
            .listen(new ProgressBar(out, Shared.terminal()))
            .fit(train, null);
      } else if (files[i].toString().endsWith(".json")) {
        out.printf(
            Locale.ROOT,
            "%-5s %s: untrained spec, no accuracy (give an archive or --train-epochs)%n",
            names[i],
            files[i]);
        continue;
      } else {
        ModelArchive.Info info = ModelArchive.loadWithMetadata(files[i]).info();
        t = new Labeled(info.prepare(test.features()), test.labels(), test.classes());
      }
      double acc = Trainer.evaluate(m, new CrossEntropyLoss(), t, 256).confusion().accuracy();
      out.printf(
          Locale.ROOT,
          "%-5s test accuracy %.2f%% on %,d images with %,d parameters%n",
          names[i],
          100 * acc,
          t.size(),
          m.parameterCount());
    }
  }

  private static Labeled head(Labeled d, int n) {
    int[] rows = new int[Math.min(n, d.size())];
    for (int i = 0; i < rows.length; i++) rows[i] = i;
    return d.subset(rows);
  }
}
