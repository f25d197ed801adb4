package dev.dendrite.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite completion}: the bash (and zsh) completion script of every command and option.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script for dendrite's commands and options.",
      "Load it into the current shell with: source <(./dendrite completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("dendrite", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
