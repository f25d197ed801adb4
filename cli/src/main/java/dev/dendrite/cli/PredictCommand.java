package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.InferencePlan;
import dev.dendrite.tensor.Tensor;
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
 * {@code dendrite predict}: class probabilities of a saved model for feature vectors given on the
 * command line.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Predict classes with a saved model.")
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "A model archive written by `dendrite train --output`.")
  Path model;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "X1,X2,...",
      description =
          "One example's features, comma-separated (raw units; the saved standardisation is"
              + " applied). Repeatable.")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    ModelArchive.Info info = a.info();
    a.model().eval();
    InferencePlan plan = InferencePlan.compile(a.model());
    for (String in : inputs) {
      float[] x = features(in);
      if (info.standardization() != null && info.standardization().features() != x.length) {
        throw Shared.usage(
            spec,
            "--input "
                + in
                + ": "
                + Shared.plural(x.length, "feature")
                + ", the model was trained on "
                + info.standardization().features());
      }
      Tensor p;
      try (var off = Grad.disabled()) {
        Tensor row = info.prepare(Tensor.of(x, 1, x.length));
        try {
          a.model().outputShape(row.shape());
        } catch (IllegalArgumentException e) {
          throw Shared.usage(
              spec,
              "--input "
                  + in
                  + ": "
                  + Shared.plural(x.length, "feature")
                  + " do not fit the model: "
                  + e.getMessage());
        }
        p = plan.run(row).softmax(1).reshape(-1);
      }
      int best = (int) p.argmax().item();
      StringBuilder probs = new StringBuilder();
      for (int c = 0; c < p.numel(); c++)
        probs
            .append(c == 0 ? "" : ", ")
            .append(name(info, c))
            .append(String.format(Locale.ROOT, " %.3f", p.get(c)));
      out.printf(
          Locale.ROOT,
          "%s → %s (probability %.3f; all classes: %s)%n",
          in.strip(),
          name(info, best),
          p.get(best),
          probs);
    }
    return 0;
  }

  private float[] features(String in) {
    String[] parts = in.split(",", -1);
    float[] x = new float[parts.length];
    for (int i = 0; i < x.length; i++) {
      try {
        x[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        throw Shared.usage(
            spec, "--input " + in + ": value " + (i + 1) + " (" + parts[i] + ") is not a number");
      }
      // parseFloat takes "NaN" and "Infinity", whose probabilities would all come out NaN.
      if (!Float.isFinite(x[i]))
        throw Shared.usage(
            spec,
            "--input " + in + ": value " + (i + 1) + " (" + parts[i] + ") is not a finite number");
    }
    return x;
  }

  private static String name(ModelArchive.Info info, int c) {
    return info.classes() != null && c < info.classes().size()
        ? info.classes().get(c)
        : "class " + c;
  }
}
