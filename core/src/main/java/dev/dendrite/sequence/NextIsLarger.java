package dev.dendrite.sequence;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;

/**
 * A tagging task where reading the future is what matters: random digits x₀ … x_{T−1} (one-hot, K =
 * 10 symbols), and each position t < T − 1 is tagged 1 when the next digit is larger, {@code y_t =
 * [x_{t+1} > x_t]}; the last position has no tag (ignored by the loss).
 *
 * <p>A one-directional LSTM reading left to right knows x_t but not x_{t+1} when it must answer, so
 * the best it can do is guess from x_t alone: P(x_{t+1} > a) = (K − 1 − a) / K, which caps its
 * accuracy at {@link #causalCeiling(int)} (75 % for K = 10). A bidirectional LSTM's backward
 * direction has read x_{t+1} by then and can be right nearly always. Both are given about the same
 * number of parameters: the one-directional hidden size is the smallest whose count reaches the
 * bidirectional model's.
 *
 * <p>Shapes: inputs (N, T, K), batch-first; logits (N, T, 2); tags (N·T) with −100 for "none".
 */
public final class NextIsLarger {
  public static final int SYMBOLS = 10;

  /** Test accuracy over tagged positions and parameter count of each model. */
  public record Result(
      double uniAccuracy,
      long uniParams,
      int uniHidden,
      double biAccuracy,
      long biParams,
      int biHidden,
      double ceiling) {}

  /** Data: one-hot inputs and tags. */
  record Data(Tensor x, Tensor tags, int n, int t) {}

  private NextIsLarger() {}

  static Data data(int n, int t, Rng rng) {
    float[] x = new float[n * t * SYMBOLS], y = new float[n * t];
    for (int i = 0; i < n; i++) {
      int[] d = new int[t];
      for (int k = 0; k < t; k++) d[k] = rng.nextInt(SYMBOLS);
      for (int k = 0; k < t; k++) {
        x[(i * t + k) * SYMBOLS + d[k]] = 1;
        y[i * t + k] = k + 1 < t ? (d[k + 1] > d[k] ? 1 : 0) : -100;
      }
    }
    return new Data(Tensor.wrap(x, n, t, SYMBOLS), Tensor.wrap(y, n * t), n, t);
  }

  /**
   * The best accuracy of any predictor that sees only x₀ … x_t: the mean over a of max(p, 1 − p), p
   * = (K − 1 − a) / K.
   */
  public static double causalCeiling(int symbols) {
    double s = 0;
    for (int a = 0; a < symbols; a++) {
      double p = (double) (symbols - 1 - a) / symbols;
      s += Math.max(p, 1 - p);
    }
    return s / symbols;
  }

  static Module model(int hidden, boolean bidirectional, Rng rng) {
    return new Sequential(
        new LSTM(SYMBOLS, hidden, 1, true, bidirectional, rng),
        new Linear(bidirectional ? 2 * hidden : hidden, 2, rng));
  }

  /**
   * The smallest one-directional hidden size with at least as many parameters as the bidirectional
   * model of {@code biHidden}.
   */
  static int matchedHidden(int biHidden) {
    long budget = model(biHidden, true, new Rng(0)).parameterCount();
    int h = biHidden;
    while (model(h, false, new Rng(0)).parameterCount() < budget) h++;
    return h;
  }

  /**
   * Trains both models on {@code train} sequences of length {@code length} and tests them on {@code
   * test} fresh ones.
   */
  public static Result run(int biHidden, int length, int train, int test, int epochs, long seed) {
    Rng rng = new Rng(seed);
    Data tr = data(train, length, rng.split()), te = data(test, length, rng.split());
    int uniHidden = matchedHidden(biHidden);
    Module uni = model(uniHidden, false, rng.split()), bi = model(biHidden, true, rng.split());
    double ua = fitAndTest(uni, tr, te, epochs, seed), ba = fitAndTest(bi, tr, te, epochs, seed);
    return new Result(
        ua,
        uni.parameterCount(),
        uniHidden,
        ba,
        bi.parameterCount(),
        biHidden,
        causalCeiling(SYMBOLS));
  }

  static double fitAndTest(Module m, Data tr, Data te, int epochs, long seed) {
    Optimizer opt = new Adam(1e-2).create(m.parameters());
    DataLoader<DataLoader.Batch> loader =
        new DataLoader<>(
            tr.n(),
            32,
            true,
            false,
            seed,
            (rows, number) -> {
              int[] tagRows = new int[rows.length * tr.t()];
              for (int i = 0; i < rows.length; i++)
                for (int k = 0; k < tr.t(); k++) tagRows[i * tr.t() + k] = rows[i] * tr.t() + k;
              return new DataLoader.Batch(
                  tr.x().indexSelect(0, DataLoader.indexTensor(rows)),
                  tr.tags().indexSelect(0, DataLoader.indexTensor(tagRows)));
            });
    new Trainer(m, new TrainConfig(epochs, 32, seed))
        .fit(loader, new Supervised(x -> m.forward(x).reshape(-1, 2), new CrossEntropyLoss(), opt));
    m.eval();
    try (var off = Grad.disabled()) {
      float[] pred = m.forward(te.x()).reshape(-1, 2).argmax(1, false).toArray(),
          y = te.tags().toArray();
      long right = 0, count = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] < 0) continue;
        count++;
        if (pred[i] == y[i]) right++;
      }
      return (double) right / count;
    }
  }
}
