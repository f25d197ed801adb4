package dev.dendrite.cli;

import dev.dendrite.data.Series;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.sequence.Forecaster;
import dev.dendrite.tensor.Rng;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite forecast}: a recurrent forecaster on a bundled series, against the naive
 * forecasts, on held-out time.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = {
      "Train an LSTM or GRU forecaster on a real time series and report test MAE/RMSE next to naive"
          + " baselines.",
      "The series is cut by time: the first 70%% trains, the next 10%% picks the best epoch, the"
          + " last 20%% tests."
    })
final class ForecastCommand implements Callable<Integer> {
  @Option(
      names = "--series",
      defaultValue = "sunspots",
      description =
          "sunspots (yearly, 1700-2008) or elnino (monthly Niño 1+2 SST, 1950-2010) (default:"
              + " ${DEFAULT-VALUE}).")
  String series;

  @Option(
      names = "--cell",
      defaultValue = "lstm",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Forecaster.Cell cell;

  @Option(
      names = "--window",
      defaultValue = "24",
      description = "Past steps the model reads (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--horizon",
      defaultValue = "1",
      description = "Steps ahead it predicts (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--stride",
      defaultValue = "1",
      description = "Step between training windows (default: ${DEFAULT-VALUE}).")
  int stride;

  @Option(
      names = "--hidden",
      defaultValue = "32",
      description = "Hidden size (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--epochs",
      defaultValue = "30",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      description = "Windows per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--lr",
      defaultValue = "0.005",
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Mixin Options.Seed seed;
  @Mixin Options.ThreadCount threads;
  @Mixin Options.Run run;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    run.check();
    run.epochCheckpointsOnly();
    Series s = Series.load(series);
    TimeSplit sp;
    Forecaster.Config cfg;
    try {
      sp = TimeSplit.of(s.values(), window, horizon, stride, 0.7, 0.1);
      cfg =
          new Forecaster.Config(cell, hidden, epochs, batch, lr, seed.seed)
              .withCheckpoint(run.checkpoint, run.resume);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(
          spec, "--window/--horizon/--stride/--hidden/--epochs/--lr: " + e.getMessage());
    }
    out.printf(
        Locale.ROOT,
        "series %s: %d steps (%s); windows of %d → %d ahead: %d training, %d validation, %d test%n",
        s.name(),
        s.values().length,
        s.unit(),
        window,
        horizon,
        sp.train().size(),
        sp.val().size(),
        sp.test().size());
    Forecaster f = Forecaster.create(cell, hidden, horizon, new Rng(seed.seed));
    try (MetricsLog log =
        run.log()) { // loss: training MSE in standardised units; val_*: series units
      ProgressBar bar = new ProgressBar(out, Shared.terminal());
      if (log == null) f.fit(sp, cfg, bar);
      else f.fit(sp, cfg, bar, log);
    }
    Forecaster.Errors m = f.evaluate(sp.test(), sp),
        naive = Forecaster.naive(sp.test(), sp),
        seasonal = Forecaster.seasonalNaive(sp.test(), sp, s.period());
    out.printf(Locale.ROOT, "test (%d forecasts, %s):%n", m.count(), s.unit());
    out.printf(
        Locale.ROOT,
        "  %-22s MAE %8.3f  RMSE %8.3f%n",
        cell.name().toUpperCase(Locale.ROOT),
        m.mae(),
        m.rmse());
    out.printf(
        Locale.ROOT,
        "  %-22s MAE %8.3f  RMSE %8.3f%n",
        "naive (last value)",
        naive.mae(),
        naive.rmse());
    out.printf(
        Locale.ROOT,
        "  %-22s MAE %8.3f  RMSE %8.3f%n",
        "seasonal naive (" + s.period() + ")",
        seasonal.mae(),
        seasonal.rmse());
    return 0;
  }
}
