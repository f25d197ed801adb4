package dev.dendrite.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code dendrite} command. Exit codes are picocli's: 0 done, 1 a failure while
 * running, 2 a usage error (an unknown option, a value that does not parse or is out of range).
 */
@Command(
    name = "dendrite",
    mixinStandardHelpOptions = true,
    version = "dendrite 0.1.0",
    description = "Deep learning for Java.",
    subcommands = {
      TrainCommand.class,
      EvalCommand.class,
      LrFindCommand.class,
      PredictCommand.class,
      SummaryCommand.class,
      ImportCommand.class,
      ConvSizeCommand.class,
      CompareParamsCommand.class,
      PlotCommand.class,
      PretrainCommand.class,
      FinetuneCommand.class,
      SampleCommand.class,
      ExplainCommand.class,
      PerceptronCommand.class,
      TrainTextCommand.class,
      GenerateCommand.class,
      ForecastCommand.class,
      DemoCommand.class,
      RlCommand.class,
      GanCommand.class,
      TuneCommand.class,
      BenchCommand.class,
      CompletionCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show the full stack trace of an error.")
  boolean debug;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The configured command line; its output and error writers may be replaced before {@code
   * execute}.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(DataSets.Name.class, new Converters.DataSetName());
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          for (var r = parsed; r != null; r = r.subcommand())
            if (r.hasMatchedOption("--debug")) throw e;
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message(e));
          cmd.getErr().flush();
          return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
    return cl;
  }

  /**
   * The error, then where to read more: the whole usage text would bury the one line that matters.
   */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    // "--schedule: expected ...", as the checks in the commands word it, rather than picocli's
    // "Invalid value for option '--schedule': ...".
    err.println(
        name
            + ": "
            + ex.getMessage().replaceFirst("^Invalid value for option '(-[^']+)': ", "$1: "));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("see '" + name + " --help'");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * One line for what a user can act on; the exception's class as well for anything else (a bug,
   * most likely).
   */
  static String message(Exception e) {
    if (e instanceof NoSuchFileException nf) return nf.getFile() + ": no such file";
    if (e instanceof AccessDeniedException ad) return ad.getFile() + ": permission denied";
    if (e instanceof IllegalArgumentException
        || e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    return "internal error: " + e + " (run again with --debug for the stack trace)";
  }

  /** Runs the command line; a user's mistake prints one line, never a stack trace. */
  public static int run(String... args) {
    CommandLine cl = commandLine();
    try {
      return cl.execute(args);
    } finally {
      // picocli's writers flush on println and printf only; a command that ends with print() would
      // lose its output at exit.
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
