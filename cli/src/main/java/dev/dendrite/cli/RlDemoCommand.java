package dev.dendrite.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dendrite rl demo}: the tabular agents on the textbook grid worlds. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Tabular agents on the textbook grid worlds, with pictures.",
    subcommands = {RlDemoCliffCommand.class, RlDemoFrozenLakeCommand.class})
final class RlDemoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
