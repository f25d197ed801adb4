package dev.dendrite.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code dendrite} command. */
@Command(name = "dendrite", mixinStandardHelpOptions = true, version = "dendrite 0.1.0",
    description = "Deep learning for Java.",
    subcommands = {TrainCommand.class, ExplainCommand.class, PerceptronCommand.class, SummaryCommand.class, ConvSizeCommand.class, EvalCommand.class, PredictCommand.class,
        CompareParamsCommand.class, PlotCommand.class, TrainTextCommand.class, GenerateCommand.class, ForecastCommand.class, DemoCommand.class})
public final class Main implements Runnable {
  @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Show the full stack trace of an error.")
  boolean debug;

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Runs the command line; a user's mistake prints one line, never a stack trace. */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      for (var r = parsed; r != null; r = r.subcommand()) if (r.hasMatchedOption("--debug")) throw e;
      if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
          || e instanceof IllegalStateException) {
        String msg = e instanceof java.nio.file.NoSuchFileException nf ? nf.getFile() + ": no such file"
            : e instanceof java.nio.file.AccessDeniedException ad ? ad.getFile() + ": permission denied" : e.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + msg);
        return 2;
      }
      throw e;
    });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
