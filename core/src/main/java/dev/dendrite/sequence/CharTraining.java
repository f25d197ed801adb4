package dev.dendrite.sequence;

import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Trains a {@link CharModel} by truncated backpropagation through time: the training text is cut
 * into pieces of {@code seq + 1} characters (input: the first {@code seq}, target: the same shifted
 * by one), shuffled each epoch; cross-entropy over every step; Adam; the gradient norm clipped to
 * {@code clipNorm} (long unrolls have occasional gradient spikes). Each piece starts from a zero state.
 * With a validation text, the weights of the epoch with the lowest validation loss are restored at
 * the end: a 245 KB corpus overfits a 385 k-parameter LSTM after about 25 epochs (measured in
 * docs/recurrent.md), and the last epoch is then not the best.
 */
public record CharTraining(int epochs, int batch, int seq, double lr, double clipNorm, long seed) {
  public CharTraining {
    if (epochs < 1 || batch < 1 || seq < 1) throw new IllegalArgumentException("epochs, batch and seq must be >= 1, got " + epochs + ", " + batch + ", " + seq);
    if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
  }

  /** Defaults: batch 32, Adam lr 2e-3, clipping at 5. */
  public static CharTraining of(int epochs, int seq, long seed) {
    return new CharTraining(epochs, 32, seq, 2e-3, 5, seed);
  }

  public CharTraining withBatch(int b) {
    return new CharTraining(epochs, b, seq, lr, clipNorm, seed);
  }

  public CharTraining withLr(double r) {
    return new CharTraining(epochs, batch, seq, r, clipNorm, seed);
  }

  /** What one epoch ended with: training and validation cross-entropy in bits per character. */
  public record Epoch(int epoch, int epochs, double trainBits, double valBits, Duration elapsed) {}

  /**
   * Trains {@code model} on {@code train}; after each epoch, measures {@code val} and reports to
   * {@code listener}. Returns the epoch whose weights the model ends with: the best on {@code val},
   * or the last without one.
   */
  public Epoch fit(CharModel model, int[] train, int[] val, Consumer<Epoch> listener) {
    int pieces = (train.length - 1) / seq;
    if (pieces < 1) throw new IllegalArgumentException("the training text (" + train.length + " characters) is shorter than seq + 1 = " + (seq + 1));
    Rng rng = new Rng(seed);
    Optimizer opt = new Adam(lr).create(model.network().parameters());
    CrossEntropyLoss loss = new CrossEntropyLoss();
    int[] order = new int[pieces];
    Epoch last = null, best = null;
    java.util.Map<String, Tensor> bestState = null;
    for (int e = 1; e <= epochs; e++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < pieces; i++) order[i] = i * seq;
      rng.shuffle(order);
      model.network().train();
      double nats = 0;
      for (int from = 0; from < pieces; from += batch) {
        int b = Math.min(batch, pieces - from);
        int[] starts = java.util.Arrays.copyOfRange(order, from, from + b);
        float[] target = new float[b * seq];
        for (int i = 0; i < b; i++) for (int k = 0; k < seq; k++) target[i * seq + k] = train[starts[i] + k + 1];
        Tensor logits = model.step(model.oneHot(train, starts, seq), null, null).output();
        Tensor l = loss.apply(logits.reshape(b * seq, model.vocabulary().size()), Tensor.wrap(target, b * seq));
        float lv = l.item();
        if (!Float.isFinite(lv)) throw new IllegalStateException("the loss became " + lv + " in epoch " + e + "; try a smaller --lr");
        l.backward();
        if (clipNorm > 0) Clip.gradNorm(opt.params(), clipNorm, 2);
        opt.step();
        opt.zeroGrad();
        nats += (double) lv * b;
      }
      double valBits = val == null || val.length < 2 ? Double.NaN : model.bitsPerChar(val, seq, batch);
      last = new Epoch(e, epochs, nats / pieces / CharModel.ln2(), valBits, Duration.ofNanos(System.nanoTime() - t0));
      if (listener != null) listener.accept(last);
      if (!Double.isNaN(valBits) && (best == null || valBits < best.valBits())) {
        best = last;
        bestState = new java.util.LinkedHashMap<>();
        for (var s : model.network().stateDict().entrySet()) bestState.put(s.getKey(), s.getValue().detach().copy());
      }
    }
    if (bestState == null) return last;
    dev.dendrite.io.ModelArchive.loadWeights(model.network(), bestState, true, "best epoch");
    return best;
  }
}
