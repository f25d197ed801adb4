package dev.dendrite.cli;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dendrite summary}: layers, output shapes and parameter counts of a spec or an archive. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Print a model's layers, output shapes and parameter counts (Keras-style).")
final class SummaryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", description = "A model spec (.json) or a saved model archive (.dnd).")
  Path model;

  @Option(names = "--input", split = ",", required = true,
      description = "Shape of one input example without the batch dimension, e.g. 784 or 1,28,28.")
  int[] input;

  @Option(names = "--batch", description = "Batch size shown in the shapes (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int batch;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(model)) throw new IOException(model + ": no such file");
    Module m;
    if (model.toString().endsWith(".json")) {
      if (Files.size(model) > 16 << 20) throw new IOException(model + ": larger than 16 MiB; not a model spec");
      try {
        m = ModelSpec.parse(Files.readString(model), new Rng(0));
      } catch (IllegalArgumentException e) {
        throw new IOException(model + ": " + e.getMessage(), e);
      }
    } else {
      m = ModelArchive.load(model);
    }
    int[] shape = new int[input.length + 1];
    shape[0] = batch;
    System.arraycopy(input, 0, shape, 1, input.length);
    System.out.print(m.summary(shape));
    return 0;
  }
}
