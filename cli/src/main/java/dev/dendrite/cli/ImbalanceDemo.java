package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.train.ImbalanceExperiment;
import dev.dendrite.train.ImbalanceExperiment.Remedy;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite demo imbalance}: per-class recall under each remedy for imbalanced classes. */
@Command(
    name = "imbalance",
    mixinStandardHelpOptions = true,
    description = {
      "Fashion-MNIST with some classes cut to a few percent of their images: per-class test recall",
      "with no remedy, class weights, oversampling, a weighted sampler and focal loss (mean ± std"
          + " over seeds)."
    })
final class ImbalanceDemo implements Callable<Integer> {
  @Option(
      names = "--per-class",
      defaultValue = "600",
      description = "Training images per class before the cut (default: ${DEFAULT-VALUE}).")
  int perClass;

  @Option(
      names = "--minority",
      split = ",",
      defaultValue = "2,9",
      description = "The classes cut (default: ${DEFAULT-VALUE}: pullover, ankle boot).")
  int[] minority;

  @Option(
      names = "--fraction",
      defaultValue = "0.02",
      description = "The share of their images the cut classes keep (default: ${DEFAULT-VALUE}).")
  double fraction;

  @Option(
      names = "--hidden",
      defaultValue = "128",
      description = "Hidden width of the MLP (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--epochs",
      defaultValue = "5",
      description = "Epochs per run (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      description = "Seeds per remedy (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Mixin Options.ThreadCount threads;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    threads.apply();
    if (perClass < 1 || hidden < 1 || epochs < 1 || seeds < 1)
      throw Shared.usage(spec, "--per-class, --hidden, --epochs and --seeds must be >= 1");
    if (!(fraction > 0 && fraction <= 1))
      throw Shared.usage(spec, "--fraction must be in (0, 1], got " + fraction);
    for (int c : minority)
      if (c < 0 || c > 9) throw Shared.usage(spec, "--minority: class " + c + " is not in 0..9");
    PrintWriter out = spec.commandLine().getOut();
    Labeled train = DataSets.fashionMnist(true, out), test = DataSets.fashionMnist(false, out);
    var cfg = new ImbalanceExperiment.Config(perClass, minority, fraction, hidden, epochs, seeds);
    Remedy[] rs = Remedy.values();
    out.printf(
        Locale.ROOT,
        "Fashion-MNIST: %d training images per class, classes %s cut to %.0f%% (%d each); MLP"
            + " 784-%d-10, Adam 1e-3, batch 64, %d epochs; recall on the %d test images; %d"
            + " runs%n",
        perClass,
        Arrays.toString(minority),
        100 * fraction,
        Math.max(1, Math.round(perClass * fraction)),
        hidden,
        epochs,
        test.size(),
        rs.length * seeds);
    out.flush();
    long t0 = System.nanoTime();
    ImbalanceExperiment.Result r =
        ImbalanceExperiment.run(
            train,
            test,
            cfg,
            k -> {
              out.printf(
                  Locale.ROOT, "  run %d/%d done (%.0f s)%n", k, rs.length * seeds, secs(t0));
              out.flush();
            });
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s", "remedy"));
    for (int c : minority)
      head.append(String.format(Locale.ROOT, " | %-17s", "recall " + train.classes().get(c)));
    head.append(" | other classes     | accuracy");
    out.println(head);
    for (int i = 0; i < rs.length; i++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-26s", rs[i].label));
      for (int c : minority) row.append(" | ").append(pm(r.recall(i, c)));
      double[] others = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        int n = 0;
        for (int c = 0; c < 10; c++) {
          final int cc = c;
          if (Arrays.stream(minority).anyMatch(m -> m == cc)) continue;
          others[s] += r.recall()[i][s][c];
          n++;
        }
        others[s] /= n;
      }
      double m = Arrays.stream(others).average().orElse(0), sd = 0;
      for (double o : others) sd += (o - m) * (o - m);
      sd = seeds > 1 ? Math.sqrt(sd / (seeds - 1)) : 0;
      row.append(" | ").append(pm(new double[] {m, sd}));
      row.append(" | ").append(pm(r.accuracy(i)));
      out.println(row);
    }
    out.printf(Locale.ROOT, "(mean ± std over %d seeds; %.0f s)%n", seeds, secs(t0));
    return 0;
  }

  private static String pm(double[] ms) {
    return String.format(Locale.ROOT, "%5.1f%% ± %4.1f  ", 100 * ms[0], 100 * ms[1]);
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
