package dev.dendrite.cli;

import dev.dendrite.sequence.CharModel;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dendrite generate}: text sampled from a character model written by {@code train-text}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Sample text from a character model (dendrite train-text --output).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "A character model archive.") Path model;
  @Option(names = "--prime", defaultValue = "The ", description = "Text to start from (default: \"${DEFAULT-VALUE}\").") String prime;
  @Option(names = "--length", defaultValue = "300", description = "Characters to generate (default: ${DEFAULT-VALUE}).") int length;
  @Option(names = "--temperature", defaultValue = "0.8", description = "Softmax temperature; lower is more conservative (default: ${DEFAULT-VALUE}).") double temperature;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampling; the same seed gives the same text (default: ${DEFAULT-VALUE}).") long seed;

  @Override
  public Integer call() throws IOException {
    CharModel m = CharModel.load(model, null);
    try {
      System.out.println(m.generate(prime, length, temperature, new Rng(seed)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--prime/--length/--temperature: " + e.getMessage());
    }
    return 0;
  }
}
