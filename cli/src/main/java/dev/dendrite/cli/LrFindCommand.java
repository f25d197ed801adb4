package dev.dendrite.cli;

import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.train.LrFinder;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite lr-find}: Smith's learning-rate range test, its plot and a suggested rate. */
@Command(
    name = "lr-find",
    mixinStandardHelpOptions = true,
    description = {
      "Smith's learning-rate range test (as fastai's lr_find): one step per batch with the rate",
      "growing exponentially from --start to --end, the loss smoothed (β = 0.98), stopped when it"
          + " exceeds 4× the best.",
      "Suggests the rate of steepest descent (or min/10 when the curve is too short) and plots"
          + " loss against rate (log scale)."
    })
final class LrFindCommand implements Callable<Integer> {
  enum Opt {
    sgd,
    adam
  }

  @Spec CommandSpec spec;

  @Mixin Options.Data data;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "A model spec (JSON); default: train's built-in MLP.")
  Path model;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "sgd",
      description = "${COMPLETION-CANDIDATES} (default: sgd with momentum 0.9).")
  Opt optimizer;

  @Option(
      names = "--start",
      paramLabel = "RATE",
      defaultValue = "1e-7",
      description = "First rate (default: ${DEFAULT-VALUE}).")
  double start;

  @Option(
      names = "--end",
      paramLabel = "RATE",
      defaultValue = "10",
      description = "Last rate (default: ${DEFAULT-VALUE}).")
  double end;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "100",
      description = "Steps of the ramp (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Examples per step (default: 16 for tabular data, 64 otherwise).")
  Integer batchSize;

  @Option(names = "--output", paramLabel = "FILE", description = "Plot the curve to this PNG.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    if (!(start > 0) || !(end > start))
      throw Shared.usage(spec, "need 0 < --start < --end, got " + start + " and " + end);
    if (steps < 2) throw Shared.usage(spec, "--steps must be >= 2, got " + steps);
    int batch = batchSize != null ? batchSize : data.tabular() ? 16 : 64;
    if (batch < 1) throw Shared.usage(spec, "--batch-size must be >= 1, got " + batch);
    Shared.checkWritable(output, "--output");
    DataSets.Split d = data.load(seed.seed, out);
    Labeled train = d.train();
    int in = train.features().size(1), classes = train.classes().size();
    Module m =
        this.model != null
            ? Shared.loadSpec(this.model)
            : TrainCommand.defaultModel(in, classes, data.tabular(), new Rng(seed.seed));
    m.outputShape(new int[] {batch, in});
    Shared.checkFits(m, train, this.model != null ? this.model : "the model", true);
    LrFinder.Result r =
        LrFinder.run(
            m,
            new CrossEntropyLoss(),
            p ->
                optimizer == Opt.adam
                    ? new Adam(start).create(p)
                    : new SGD(start).withMomentum(0.9).create(p),
            DataLoader.of(train, batch, true, false, seed.seed),
            start,
            end,
            steps);
    int n = r.lrs().length;
    out.printf(
        Locale.ROOT,
        "%s, batch %d: %d of %d steps, rate %.3g to %.3g (%s)%n",
        optimizer == Opt.adam ? "adam" : "sgd (momentum 0.9)",
        batch,
        n,
        steps,
        r.lrs()[0],
        r.lrs()[n - 1],
        r.stopped().equals("diverged")
            ? "stopped: the smoothed loss exceeded 4× its best"
            : "done");
    out.printf(
        Locale.ROOT,
        "steepest descent at %.3g; minimum loss at %.3g, /10 = %.3g%n",
        r.steepest(),
        10 * r.minOver10(),
        r.minOver10());
    out.printf(
        Locale.ROOT,
        "suggested learning rate: %.3g (%s)%n",
        r.suggestion(),
        r.method().equals("steepest") ? "steepest descent of the smoothed loss" : "minimum / 10");
    if (output != null) {
      double top = 0;
      for (double s : r.smoothed()) top = Math.max(top, s);
      double[] raw = r.losses().clone();
      for (int i = 0; i < raw.length; i++) raw[i] = Math.min(raw[i], top);
      LinePlot.write(
          output,
          String.format(
              Locale.ROOT, "LR range test: suggested %.3g (%s)", r.suggestion(), r.method()),
          "learning rate (log scale)",
          "loss",
          List.of(
              new LinePlot.Curve("loss (raw, clipped)", raw, new Color(180, 180, 180)),
              new LinePlot.Curve("loss (smoothed, β=0.98)", r.smoothed(), new Color(31, 119, 180))),
          Double.NaN,
          t -> String.format(Locale.ROOT, "%.0e", r.lrs()[Math.min(t, n - 1)]));
      out.println("wrote " + output);
    }
    return 0;
  }
}
