package dev.dendrite.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite rl}: reinforcement learning. Each subcommand is its own class in its own file
 * (the demos here; training, evaluation and rendering of the deep agents beside them), listed once
 * below.
 */
@Command(
    name = "rl",
    mixinStandardHelpOptions = true,
    description = "Reinforcement learning: environments, agents and demos.",
    subcommands = {RlDemoCommand.class})
final class RlCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
