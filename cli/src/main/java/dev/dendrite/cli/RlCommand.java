package dev.dendrite.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite rl}: reinforcement learning, from training an agent to watching it. Each
 * subcommand is its own class in its own file, listed once below.
 */
@Command(
    name = "rl",
    mixinStandardHelpOptions = true,
    description = "Reinforcement learning: train, evaluate and watch agents; demos.",
    subcommands = {
      RlTrainCommand.class,
      RlEvalCommand.class,
      RlRenderCommand.class,
      RlCurveCommand.class,
      RlDemoCommand.class
    })
final class RlCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
