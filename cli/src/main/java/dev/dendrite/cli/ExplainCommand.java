package dev.dendrite.cli;

import dev.dendrite.explain.BackpropExample;
import dev.dendrite.explain.BackpropTrace;
import dev.dendrite.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite explain}: teaching aids that show the numbers behind an algorithm. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Show the numbers behind an algorithm, or explain a prediction (predict, deletion).",
    subcommands = {
      ExplainCommand.Backprop.class,
      ExplainPredictCommand.class,
      ExplainDeletionCommand.class
    })
final class ExplainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "backprop",
      mixinStandardHelpOptions = true,
      description = {
        "One step of backpropagation with every number: forward pass, error, deltas, weight"
            + " updates, second pass.",
        "Without options it reproduces the course notes' 2-2-1 sigmoid example (y5 ≈ 0.6903, then"
            + " 0.6820)."
      })
  static final class Backprop implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--set",
        paramLabel = "NAME=VALUE",
        description =
            "Change a value by its textbook name: x1, w13, w35, t (or t5), lr. Repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--activation", description = "sigmoid (default), tanh or relu.")
    String activation;

    @Option(
        names = "--file",
        description =
            "A JSON file: {\"inputs\": [..], \"weights\": [[[..]..]..] (one (out, in) matrix per"
                + " layer), \"target\": [..], \"lr\": 1, \"activation\": \"sigmoid\"}.")
    Path file;

    @Override
    public Integer call() throws IOException {
      BackpropExample ex = file == null ? BackpropExample.notes() : load(file);
      BackpropExample.Activation notes = BackpropExample.notes().activation();
      if (activation != null) {
        BackpropExample.Activation a;
        try {
          a = BackpropExample.Activation.valueOf(activation.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw Shared.usage(
              spec, "--activation: expected sigmoid, tanh or relu, got " + activation);
        }
        ex = new BackpropExample(ex.inputs(), ex.weights(), ex.target(), ex.lr(), a);
      }
      for (String s : sets) {
        int eq = s.indexOf('=');
        if (eq < 0) throw Shared.usage(spec, "--set " + s + ": expected NAME=VALUE, e.g. w13=0.2");
        double v;
        try {
          v = Double.parseDouble(s.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
          throw Shared.usage(spec, "--set " + s + ": " + s.substring(eq + 1) + " is not a number");
        }
        ex = ex.with(s.substring(0, eq), v);
      }
      spec.commandLine().getOut().print(BackpropTrace.explain(ex));
      // the notes' own example, unchanged: say why their printed numbers differ in the last digit
      if (file == null && sets.isEmpty() && (activation == null || ex.activation() == notes))
        spec.commandLine().getOut().print(BackpropTrace.notesRounding(ex));
      return 0;
    }

    private static BackpropExample load(Path file) throws IOException {
      if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
      if (Files.size(file) > 1 << 20)
        throw new IOException(file + ": larger than 1 MiB; not a backprop example");
      try {
        Object o = Json.parse(Files.readString(file));
        if (!(o instanceof Map<?, ?> m))
          throw new IllegalArgumentException("expected a JSON object");
        double[] inputs = doubles(m.get("inputs"), "inputs");
        double[] target = doubles(m.get("target"), "target");
        List<double[][]> weights = new ArrayList<>();
        if (!(m.get("weights") instanceof List<?> layers))
          throw new IllegalArgumentException("\"weights\" must be a list of matrices");
        for (Object layer : layers) {
          if (!(layer instanceof List<?> rows))
            throw new IllegalArgumentException("each weight matrix must be a list of rows");
          double[][] w = new double[rows.size()][];
          for (int r = 0; r < w.length; r++) w[r] = doubles(rows.get(r), "weights row");
          weights.add(w);
        }
        double lr = m.get("lr") instanceof Number n ? n.doubleValue() : 1.0;
        String act = m.get("activation") instanceof String s ? s : "sigmoid";
        return new BackpropExample(
            inputs,
            weights,
            target,
            lr,
            BackpropExample.Activation.valueOf(act.toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }

    private static double[] doubles(Object o, String what) {
      if (!(o instanceof List<?> l))
        throw new IllegalArgumentException("\"" + what + "\" must be a list of numbers");
      double[] d = new double[l.size()];
      for (int i = 0; i < d.length; i++) {
        if (!(l.get(i) instanceof Number n))
          throw new IllegalArgumentException("\"" + what + "\" holds a non-number: " + l.get(i));
        d[i] = n.doubleValue();
      }
      return d;
    }
  }
}
