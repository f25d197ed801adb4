package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dendrite predict}: class probabilities of a saved model for feature vectors given on the command line. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict classes with a saved model.")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "A model archive written by `dendrite train --output`.")
  Path model;

  @Option(names = "--input", required = true, description = "One example's features, comma-separated (raw units; the saved standardisation is applied). Repeatable.")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    Archived a = Archived.load(model);
    a.loaded().model().eval();
    for (String in : inputs) {
      String[] parts = in.split(",");
      float[] x = new float[parts.length];
      for (int i = 0; i < x.length; i++) {
        try {
          x[i] = Float.parseFloat(parts[i].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--input " + in + ": value " + (i + 1) + " (" + parts[i] + ") is not a number");
        }
      }
      if (a.mean() != null && a.mean().numel() != x.length) {
        throw new IllegalArgumentException("--input " + in + ": " + x.length + " features, the model was trained on " + a.mean().numel());
      }
      Tensor p;
      try (var off = Grad.disabled()) {
        Tensor row = a.prepare(Tensor.of(x, 1, x.length));
        try {
          a.loaded().model().outputShape(row.shape());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--input " + in + ": " + x.length + " features do not fit the model: " + e.getMessage());
        }
        p = a.loaded().model().forward(row).softmax(1).reshape(-1);
      }
      int best = (int) p.argmax().item();
      String label = a.classes() != null ? a.classes().get(best) : Integer.toString(best);
      StringBuilder probs = new StringBuilder();
      for (int c = 0; c < p.numel(); c++) {
        probs.append(c == 0 ? "" : ", ").append(a.classes() != null ? a.classes().get(c) : c).append(String.format(Locale.ROOT, " %.3f", p.get(c)));
      }
      System.out.printf(Locale.ROOT, "%s → %s (%s)%n", Shape.str(x.length), label, probs);
    }
    return 0;
  }
}
