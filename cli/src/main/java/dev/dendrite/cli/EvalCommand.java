package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.train.Diagnosis;
import dev.dendrite.train.History;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite eval}: a saved model's loss, accuracy and confusion matrix on a data set's test
 * split.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a saved model on a data set's test split (or a CSV file's, an image folder's).")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "A model archive written by `dendrite train --output`.")
  Path model;

  @Mixin Options.SavedData data;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    Labeled test = data.test(a.info(), out);
    String name = data.describe(a.info());
    Shared.checkFits(a.model(), test, model, false);
    Trainer.Evaluation ev = Trainer.evaluate(a.model(), new CrossEntropyLoss(), test, 256);
    out.printf(
        Locale.ROOT,
        "%s on %s: accuracy %.2f%%, loss %.4f over %s%n",
        model,
        name,
        100 * ev.confusion().accuracy(),
        ev.loss(),
        Shared.plural(test.size(), "example"));
    out.print(ev.confusion());
    out.print(diagnosis(a, test.classes().size()));
    return 0;
  }

  /** The training curves' diagnosis when the archive keeps them; otherwise what cannot be told. */
  private String diagnosis(ModelArchive.Loaded a, int classes) {
    String h = a.metadata().get(History.METADATA_KEY);
    if (h == null)
      return "diagnosis: cannot tell; "
          + model
          + " holds no training curves (saved by an older `train --output`, or by another"
          + " command), and one test figure cannot separate overfitting from underfitting\n";
    try {
      return "from the training curves saved in the archive:\n"
          + Diagnosis.of(History.parse(h), classes).report();
    } catch (IllegalArgumentException e) {
      return "diagnosis: cannot tell; " + model + ": " + e.getMessage() + "\n";
    }
  }
}
