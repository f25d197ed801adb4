package dev.dendrite.cli;

import dev.dendrite.sequence.CharModel;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite generate}: text sampled from a character model written by {@code train-text}. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Sample text from a character model (dendrite train-text --output).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "A character model archive.")
  Path model;

  @Option(
      names = "--prime",
      defaultValue = "The ",
      description = "Text to start from (default: \"${DEFAULT-VALUE}\").")
  String prime;

  @Option(
      names = "--length",
      defaultValue = "300",
      description = "Characters to generate (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(
      names = "--temperature",
      defaultValue = "0.8",
      description = "Softmax temperature; lower is more conservative (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Mixin Options.Seed seed;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    CharModel m = CharModel.load(model, null);
    try {
      spec.commandLine()
          .getOut()
          .println(m.generate(prime, length, temperature, new Rng(seed.seed)));
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, "--prime/--length/--temperature: " + e.getMessage());
    }
    return 0;
  }
}
