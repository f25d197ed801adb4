package dev.dendrite.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code dendrite bench}: workloads measured against their peers, one JSON object
 * per line.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Dendrite against its peers in one run; prints one JSON object per line.",
    subcommands = {
      GemmBench.class,
      MlpBench.class,
      CnnBench.class,
      LstmBench.class,
      GruBench.class,
      BiLstmBench.class,
      RbmBench.class,
      AutoencoderBench.class,
      DcganBench.class,
      DqnBench.class
    })
public final class BenchMain implements Runnable {
  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new BenchMain());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
          }
          if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            // a missing data set or peer: the user's to fix, in one line, not a stack trace
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 1;
          }
          throw e;
        });
    System.exit(cl.execute(args));
  }
}
