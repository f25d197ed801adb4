package dev.dendrite.sequence;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.TimeSplit;
import dev.dendrite.data.Windows;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A recurrent forecaster: a window of standardised values (N, W, 1) → LSTM or GRU → the last step's
 * hidden state → Linear → the next {@code horizon} values (N, horizon). Trained with the mean
 * squared error by Adam; the weights of the epoch with the lowest validation error are kept
 * (early-stopping's restore, without stopping: these runs are short).
 */
public final class Forecaster {
  public enum Cell {
    lstm,
    gru
  }

  /** Training settings. */
  public record Config(
      Cell cell,
      int hidden,
      int epochs,
      int batch,
      double lr,
      long seed,
      Path checkpoint,
      boolean resume) {
    public Config {
      if (hidden < 1 || epochs < 1 || batch < 1)
        throw new IllegalArgumentException("hidden, epochs and batch must be >= 1");
      if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
    }

    public Config(Cell cell, int hidden, int epochs, int batch, double lr, long seed) {
      this(cell, hidden, epochs, batch, lr, seed, null, false);
    }

    /**
     * A checkpoint after every epoch; with {@code resume}, a run whose file exists continues from
     * it.
     */
    public Config withCheckpoint(Path file, boolean resume) {
      return new Config(cell, hidden, epochs, batch, lr, seed, file, resume);
    }
  }

  /** Mean absolute and root mean squared error, in the series' units. */
  public record Errors(double mae, double rmse, int count) {}

  /** One epoch: training MSE (standardised units) and validation errors (series units). */
  public record Epoch(int epoch, double trainMse, Errors val) {}

  private final Module net;
  private final int horizon;

  private Forecaster(Module net, int horizon) {
    this.net = net;
    this.horizon = horizon;
  }

  public static Forecaster create(Cell cell, int hidden, int horizon, Rng rng) {
    Module rnn =
        cell == Cell.lstm
            ? new LSTM(1, hidden, 1, true, false, rng)
            : new GRU(1, hidden, 1, true, false, rng);
    return new Forecaster(
        new Sequential(rnn, new LastStep(true), new Linear(hidden, horizon, rng)), horizon);
  }

  public Module network() {
    return net;
  }

  /**
   * Trains on {@code split.train()}, keeping the weights that did best on {@code split.val()} (or
   * the last ones without a validation part), and reports the run's {@link TrainEvent}s (metrics
   * {@code loss}, the training MSE in standardised units, and {@code val_mae}, {@code val_rmse} in
   * the series' units) to {@code listeners}: the progress bar, a metrics log, {@link #onEpoch}.
   */
  public void fit(TimeSplit split, Config cfg, TrainListener... listeners) {
    Windows tr = split.train();
    if (tr.size() == 0) throw new IllegalArgumentException("no training windows");
    if (tr.horizon() != horizon)
      throw new IllegalArgumentException(
          "the forecaster predicts " + horizon + " steps, the windows have " + tr.horizon());
    DataLoader<DataLoader.Batch> loader =
        new DataLoader<>(
            tr.size(),
            cfg.batch(),
            true,
            false,
            cfg.seed(),
            (rows, number) -> {
              Tensor r = DataLoader.indexTensor(rows);
              return new DataLoader.Batch(
                  tr.inputs().indexSelect(0, r), tr.targets().indexSelect(0, r));
            });
    Optimizer opt = new Adam(cfg.lr()).create(net.parameters());
    boolean validated = split.val().size() > 0;
    TrainConfig tc = new TrainConfig(cfg.epochs(), cfg.batch(), cfg.seed());
    if (validated) tc = tc.withEarlyStopping(EarlyStopping.keepBest("val_rmse", true));
    if (cfg.checkpoint() != null) tc = tc.withCheckpoint(cfg.checkpoint(), 1);
    Trainer t = new Trainer(net, tc);
    if (cfg.resume()) t.resumeIfPresent(cfg.checkpoint());
    if (validated) {
      t.validate(
          () -> {
            Errors e = evaluate(split.val(), split);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("val_mae", e.mae());
            m.put("val_rmse", e.rmse());
            return m;
          });
    }
    for (TrainListener l : listeners) t.listen(l);
    t.fit(loader, new Supervised(net::forward, new MSELoss(), opt, 1));
  }

  /** A listener that hands {@code to} each epoch's figures as an {@link Epoch}. */
  public static TrainListener onEpoch(TimeSplit split, Consumer<Epoch> to) {
    int count = split.val().size() * split.val().horizon();
    return e -> {
      if (!(e instanceof TrainEvent.EpochEnded en)) return;
      Double mae = en.metrics().get("val_mae");
      to.accept(
          new Epoch(
              en.epoch(),
              en.metrics().get("loss"),
              mae == null ? null : new Errors(mae, en.metrics().get("val_rmse"), count)));
    };
  }

  /** Forecasts for the windows, in standardised units: (N, horizon). */
  public Tensor predict(Windows w) {
    boolean was = net.isTraining();
    net.eval();
    try (var off = Grad.disabled()) {
      return net.forward(w.inputs());
    } finally {
      if (was) net.train();
    }
  }

  /** The model's errors on {@code w}, in the series' units. */
  public Errors evaluate(Windows w, TimeSplit split) {
    return errors(predict(w).toArray(), w, split);
  }

  /** Last-value forecast: every future step equals the window's last value. */
  public static Errors naive(Windows w, TimeSplit split) {
    float[] x = w.inputs().toArray(), p = new float[w.size() * w.horizon()];
    for (int i = 0; i < w.size(); i++)
      for (int k = 0; k < w.horizon(); k++) p[i * w.horizon() + k] = x[(i + 1) * w.window() - 1];
    return errors(p, w, split);
  }

  /**
   * Seasonal-naive forecast: the value one season ({@code period} steps) before each target, from
   * the part already known.
   */
  public static Errors seasonalNaive(Windows w, TimeSplit split, int period) {
    if (period < 1) throw new IllegalArgumentException("period must be >= 1, got " + period);
    float[] z = split.standardized(), p = new float[w.size() * w.horizon()];
    for (int i = 0; i < w.size(); i++) {
      int t = w.start()[i];
      for (int k = 0; k < w.horizon(); k++) {
        int back = t + k - period * ((k / period) + 1); // always before t, the first unknown step
        p[i * w.horizon() + k] = z[Math.max(0, back)];
      }
    }
    return errors(p, w, split);
  }

  static Errors errors(float[] predicted, Windows w, TimeSplit split) {
    float[] y = w.targets().toArray();
    double abs = 0, sq = 0;
    for (int i = 0; i < y.length; i++) {
      double d = split.unscale(predicted[i]) - split.unscale(y[i]);
      abs += Math.abs(d);
      sq += d * d;
    }
    return new Errors(abs / y.length, Math.sqrt(sq / y.length), y.length);
  }
}
