package dev.dendrite.sequence;

import dev.dendrite.autograd.Grad;
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
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
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
  public enum Cell { lstm, gru }

  /** Training settings. */
  public record Config(Cell cell, int hidden, int epochs, int batch, double lr, long seed) {
    public Config {
      if (hidden < 1 || epochs < 1 || batch < 1) throw new IllegalArgumentException("hidden, epochs and batch must be >= 1");
      if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
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
    Module rnn = cell == Cell.lstm ? new LSTM(1, hidden, 1, true, false, rng) : new GRU(1, hidden, 1, true, false, rng);
    return new Forecaster(new Sequential(rnn, new LastStep(true), new Linear(hidden, horizon, rng)), horizon);
  }

  public Module network() {
    return net;
  }

  /** Trains on {@code split.train()}, keeping the weights that did best on {@code split.val()} (or the last ones without a validation part). */
  public void fit(TimeSplit split, Config cfg, Consumer<Epoch> listener) {
    Windows tr = split.train();
    if (tr.size() == 0) throw new IllegalArgumentException("no training windows");
    if (tr.horizon() != horizon) throw new IllegalArgumentException("the forecaster predicts " + horizon + " steps, the windows have " + tr.horizon());
    Rng rng = new Rng(cfg.seed());
    Optimizer opt = new Adam(cfg.lr()).create(net.parameters());
    MSELoss mse = new MSELoss();
    int n = tr.size();
    int[] order = new int[n];
    double best = Double.POSITIVE_INFINITY;
    Map<String, Tensor> bestState = null;
    for (int e = 1; e <= cfg.epochs(); e++) {
      for (int i = 0; i < n; i++) order[i] = i;
      rng.shuffle(order);
      net.train();
      double sum = 0;
      for (int from = 0; from < n; from += cfg.batch()) {
        int to = Math.min(n, from + cfg.batch());
        float[] idx = new float[to - from];
        for (int i = from; i < to; i++) idx[i - from] = order[i];
        Tensor rows = Tensor.of(idx);
        Tensor l = mse.apply(net.forward(tr.inputs().indexSelect(0, rows)), tr.targets().indexSelect(0, rows));
        float lv = l.item();
        if (!Float.isFinite(lv)) throw new IllegalStateException("the loss became " + lv + " in epoch " + e + "; try a smaller --lr");
        l.backward();
        Clip.gradNorm(opt.params(), 1, 2);
        opt.step();
        opt.zeroGrad();
        sum += (double) lv * (to - from);
      }
      Errors val = split.val().size() > 0 ? evaluate(split.val(), split) : null;
      if (val == null || val.rmse() < best) {
        best = val == null ? best : val.rmse();
        bestState = snapshot();
      }
      if (listener != null) listener.accept(new Epoch(e, sum / n, val));
    }
    dev.dendrite.io.ModelArchive.loadWeights(net, bestState, true, "best epoch");
  }

  private Map<String, Tensor> snapshot() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (var e : net.stateDict().entrySet()) m.put(e.getKey(), e.getValue().detach().copy());
    return m;
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
    for (int i = 0; i < w.size(); i++) for (int k = 0; k < w.horizon(); k++) p[i * w.horizon() + k] = x[(i + 1) * w.window() - 1];
    return errors(p, w, split);
  }

  /** Seasonal-naive forecast: the value one season ({@code period} steps) before each target, from the part already known. */
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
