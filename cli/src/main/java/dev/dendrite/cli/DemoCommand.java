package dev.dendrite.cli;

import dev.dendrite.explain.VanishingGradients;
import dev.dendrite.sequence.NextIsLarger;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite demo}: small experiments that show one idea each, with numbers. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Small experiments that show one idea each.",
    subcommands = {
      DemoCommand.Birnn.class,
      DemoCommand.Vanishing.class,
      PretrainingDemo.class,
      TransferDemo.class
    })
final class DemoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "birnn",
      mixinStandardHelpOptions = true,
      description = {
        "Tag each digit with whether the next one is larger: a bidirectional LSTM against a"
            + " one-directional one",
        "with at least as many parameters. Reading only the past caps accuracy at 75%%."
      })
  static final class Birnn implements Callable<Integer> {
    @Option(
        names = "--hidden",
        defaultValue = "12",
        description = "Hidden size per direction of the BiLSTM (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
        names = "--length",
        defaultValue = "12",
        description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(
        names = "--train",
        defaultValue = "2000",
        description = "Training sequences (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(
        names = "--epochs",
        defaultValue = "5",
        description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Mixin Options.Seed seed;
    @Mixin Options.ThreadCount threads;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      threads.apply();
      if (hidden < 1 || length < 2 || train < 1 || epochs < 1)
        throw Shared.usage(spec, "--hidden, --train, --epochs must be >= 1 and --length >= 2");
      NextIsLarger.Result r = NextIsLarger.run(hidden, length, train, 1000, epochs, seed.seed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "task: %d random digits, tag t = [x(t+1) > x(t)]; %d training and 1000 test sequences,"
              + " %s%n",
          length,
          train,
          Shared.plural(epochs, "epoch"));
      out.printf(
          Locale.ROOT,
          "  %-34s %6d parameters   test accuracy %5.1f%%%n",
          "LSTM, hidden " + r.uniHidden(),
          r.uniParams(),
          100 * r.uniAccuracy());
      out.printf(
          Locale.ROOT,
          "  %-34s %6d parameters   test accuracy %5.1f%%%n",
          "bidirectional LSTM, hidden " + r.biHidden() + " × 2",
          r.biParams(),
          100 * r.biAccuracy());
      out.printf(Locale.ROOT, "  best possible from the past alone: %.1f%%%n", 100 * r.ceiling());
      return 0;
    }
  }

  @Command(
      name = "vanishing",
      mixinStandardHelpOptions = true,
      description = {
        "‖∂L/∂x_t‖ for a loss at the last step of a long sequence: a tanh RNN against an LSTM (at"
            + " initialisation).",
        "Prints a table and writes a log-scale plot."
      })
  static final class Vanishing implements Callable<Integer> {
    @Option(
        names = "--steps",
        defaultValue = "100",
        description = "Sequence length T (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
        names = "--hidden",
        defaultValue = "64",
        description = "Hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
        names = "--input",
        defaultValue = "8",
        description = "Input features (default: ${DEFAULT-VALUE}).")
    int input;

    @Option(
        names = "--batch",
        defaultValue = "16",
        description = "Sequences averaged over (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin Options.Seed seed;
    @Spec CommandSpec spec;

    @Option(
        names = "--plot",
        paramLabel = "FILE",
        defaultValue = "vanishing.png",
        description = "PNG file for the plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Override
    public Integer call() throws IOException {
      if (steps < 2 || hidden < 1 || input < 1 || batch < 1)
        throw Shared.usage(spec, "--steps must be >= 2, --hidden, --input and --batch >= 1");
      List<VanishingGradients.Flow> flows =
          VanishingGradients.compare(steps, input, hidden, batch, seed.seed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "‖∂L/∂x_t‖ for L = Σ h(T−1), T = %d, hidden %d, %s; 0 means float32 underflow%n",
          steps,
          hidden,
          Shared.plural(batch, "sequence"));
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%5s", "t"));
      for (var f : flows) head.append(String.format(Locale.ROOT, "  %20s", f.model()));
      out.println(head);
      int every = Math.max(1, steps / 10);
      for (int t = 0; t < steps; t += every) row(out, flows, t);
      if ((steps - 1) % every != 0) row(out, flows, steps - 1);
      Color[] colors = {new Color(200, 40, 40), new Color(40, 90, 200), new Color(30, 150, 60)};
      List<LogPlot.Curve> curves = new ArrayList<>();
      for (int i = 0; i < flows.size(); i++)
        curves.add(
            new LogPlot.Curve(
                flows.get(i).model(), flows.get(i).norms(), colors[i % colors.length]));
      LogPlot.write(
          plot,
          "Gradient reaching step t from a loss at step T-1 = " + (steps - 1),
          "time step t",
          "||dL/dx_t||",
          curves);
      out.println("plot written to " + plot);
      return 0;
    }

    private static void row(PrintWriter out, List<VanishingGradients.Flow> flows, int t) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%5d", t));
      for (var f : flows)
        sb.append(String.format(Locale.ROOT, "  %20s", LogPlot.sci(f.norms()[t]).trim()));
      out.println(sb);
    }
  }
}
