package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendrite summary}: layers, output shapes and parameter counts of a spec or an archive. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Print a model's layers, output shapes and parameter counts (Keras-style).")
final class SummaryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "MODEL",
      description = "A model spec (.json) or a saved model archive (.dnd).")
  Path model;

  @Option(
      names = "--input",
      required = true,
      converter = Converters.Shape.class,
      paramLabel = "SHAPE",
      description =
          "Shape of one input example without the batch dimension, e.g. 784, 28x28 or 1,28,28.")
  Converters.Sizes input;

  @Option(
      names = "--batch",
      description = "Batch size shown in the shapes (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int batch;

  @Override
  public Integer call() throws IOException {
    if (batch < 1) throw Shared.usage(spec, "--batch must be >= 1, got " + batch);
    spec.commandLine()
        .getOut()
        .print(Shared.loadModel(model).summary(Shared.batched(batch, input.values())));
    return 0;
  }
}
