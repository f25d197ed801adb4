package dev.dendrite.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dendrite gan}: train, sample and score generative adversarial networks. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    description = "Generative adversarial networks on Fashion-MNIST: train, sample, score.",
    subcommands = {GanTrainCommand.class, GanSampleCommand.class, GanScoreCommand.class})
final class GanCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
