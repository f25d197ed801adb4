package dev.dendrite.cli;

import dev.dendrite.train.callbacks.MetricsLog;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite plot grad-norms}: per-layer gradient norms of a run, from its metrics log. */
@Command(
    name = "grad-norms",
    mixinStandardHelpOptions = true,
    description = {
      "Plot each layer's mean gradient norm per epoch (log scale) from a metrics log written by",
      "`train --metrics-log FILE --log-grad-norms`: vanishing gradients sink, exploding ones climb."
    })
final class PlotGradNormsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--metrics-log",
      required = true,
      paramLabel = "FILE",
      description = "The run's metrics log (JSON lines).")
  Path log;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "The PNG file.")
  Path output;

  private static final Color[] COLORS = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127)
  };

  @Override
  public Integer call() throws IOException {
    Shared.checkWritable(output, "--output");
    Map<String, List<Double>> byLayer = new LinkedHashMap<>();
    int epochs = 0;
    for (Map<String, Object> line : MetricsLog.read(log)) {
      if (!"grad_norms".equals(line.get("event"))) continue;
      if (!(line.get("mean") instanceof Map<?, ?> mean))
        throw Shared.usage(spec, log + ": a grad_norms line without its \"mean\" object");
      for (var e : mean.entrySet())
        byLayer
            .computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>())
            .add(e.getValue() instanceof Number n ? n.doubleValue() : Double.NaN);
      epochs++;
    }
    if (epochs < 2)
      throw Shared.usage(
          spec,
          log
              + " has "
              + Shared.plural(epochs, "epoch")
              + " of gradient norms; need 2 (train with --log-grad-norms and --epochs >= 2)");
    List<LogPlot.Curve> curves = new ArrayList<>();
    PrintWriter out = spec.commandLine().getOut();
    int i = 0;
    for (var e : byLayer.entrySet()) {
      double[] y = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      curves.add(new LogPlot.Curve("layer " + e.getKey(), y, COLORS[i++ % COLORS.length]));
      out.printf(
          Locale.ROOT,
          "layer %-6s mean gradient norm: epoch 1 %s, last %s%n",
          e.getKey(),
          LogPlot.sci(y[0]),
          LogPlot.sci(y[y.length - 1]));
    }
    LogPlot.write(output, "Per-layer gradient norm (mean per epoch)", "epoch − 1", "‖∇‖₂", curves);
    out.println("wrote " + output);
    return 0;
  }
}
