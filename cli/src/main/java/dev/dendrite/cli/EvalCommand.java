package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.loss.CrossEntropyLoss;
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
    return 0;
  }
}
