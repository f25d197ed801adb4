package dev.dendrite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dendrite} command. */
@Command(name = "dendrite", mixinStandardHelpOptions = true, version = "dendrite 0.1.0",
    description = "Deep learning for Java.")
public final class Main implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
