package dev.dendrite.sequence;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.Metric;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a {@link CharModel} by truncated backpropagation through time: the training text is cut
 * into pieces of {@code seq + 1} characters (input: the first {@code seq}, target: the same shifted
 * by one), shuffled each epoch; cross-entropy over every step; Adam; the gradient norm clipped to
 * {@code clipNorm} (long unrolls have occasional gradient spikes). Each piece starts from a zero
 * state. With a validation text, the weights of the epoch with the lowest validation loss are
 * restored at the end: a 245 KB corpus overfits a 385 k-parameter LSTM after about 25 epochs
 * (measured in docs/recurrent.md), and the last epoch is then not the best.
 */
public record CharTraining(
    int epochs,
    int batch,
    int seq,
    double lr,
    double clipNorm,
    long seed,
    Path checkpoint,
    boolean resume) {
  public CharTraining {
    if (epochs < 1 || batch < 1 || seq < 1)
      throw new IllegalArgumentException(
          "epochs, batch and seq must be >= 1, got " + epochs + ", " + batch + ", " + seq);
    if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
  }

  public CharTraining(int epochs, int batch, int seq, double lr, double clipNorm, long seed) {
    this(epochs, batch, seq, lr, clipNorm, seed, null, false);
  }

  /**
   * Writes a checkpoint to {@code file} after every epoch; with {@code resume}, a run whose file
   * exists continues from it and ends as the uninterrupted run would have.
   */
  public CharTraining withCheckpoint(Path file, boolean resume) {
    return new CharTraining(epochs, batch, seq, lr, clipNorm, seed, file, resume);
  }

  /** Defaults: batch 32, Adam lr 2e-3, clipping at 5. */
  public static CharTraining of(int epochs, int seq, long seed) {
    return new CharTraining(epochs, 32, seq, 2e-3, 5, seed);
  }

  public CharTraining withBatch(int b) {
    return new CharTraining(epochs, b, seq, lr, clipNorm, seed, checkpoint, resume);
  }

  public CharTraining withLr(double r) {
    return new CharTraining(epochs, batch, seq, r, clipNorm, seed, checkpoint, resume);
  }

  /** What one epoch ended with: training and validation cross-entropy in bits per character. */
  public record Epoch(int epoch, int epochs, double trainBits, double valBits, Duration elapsed) {}

  /**
   * Trains {@code model} on {@code train}; after each epoch, measures {@code val} (may be null) and
   * reports the run's {@link TrainEvent}s (metrics {@code bits_per_char} and {@code
   * val_bits_per_char}) to {@code listeners}: the progress bar, a metrics log, {@link #onEpoch}.
   * Returns the epoch whose weights the model ends with: the best on {@code val}, or the last
   * without one.
   */
  public Epoch fit(CharModel model, int[] train, int[] val, TrainListener... listeners) {
    int pieces = (train.length - 1) / seq;
    if (pieces < 1)
      throw new IllegalArgumentException(
          "the training text ("
              + train.length
              + " characters) is shorter than seq + 1 = "
              + (seq + 1));
    int v = model.vocabulary().size();
    DataLoader<DataLoader.Batch> loader =
        new DataLoader<>(
            pieces,
            batch,
            true,
            false,
            seed,
            (rows, number) -> {
              int[] starts = new int[rows.length];
              float[] target = new float[rows.length * seq];
              for (int i = 0; i < rows.length; i++) {
                starts[i] = rows[i] * seq;
                for (int k = 0; k < seq; k++) target[i * seq + k] = train[starts[i] + k + 1];
              }
              return new DataLoader.Batch(
                  model.oneHot(train, starts, seq), Tensor.wrap(target, rows.length * seq));
            });
    Optimizer opt = new Adam(lr).create(model.network().parameters());
    var step =
        new Supervised(
            x -> model.step(x, null, null).output().reshape(-1, v),
            new CrossEntropyLoss(),
            opt,
            clipNorm);
    boolean validated = val != null && val.length >= 2;
    TrainConfig cfg = new TrainConfig(epochs, batch, seed);
    if (validated) cfg = cfg.withEarlyStopping(EarlyStopping.keepBest("val_bits_per_char", true));
    if (checkpoint != null) cfg = cfg.withCheckpoint(checkpoint, 1);
    Trainer t = new Trainer(model.network(), cfg).metrics(Metric.bitsPerChar());
    if (resume) t.resumeIfPresent(checkpoint);
    if (validated)
      t.validate(() -> Map.of("val_bits_per_char", model.bitsPerChar(val, seq, batch)));
    List<Epoch> seen = new ArrayList<>();
    t.listen(onEpoch(seen::add));
    for (TrainListener l : listeners) t.listen(l);
    Trainer.Result r = t.fit(loader, step);
    if (!validated) return seen.getLast();
    // After a resume, the best epoch may be one this run did not see: its training figure is then
    // unknown.
    for (Epoch e : seen) if (e.epoch() == r.bestEpoch()) return e;
    return new Epoch(r.bestEpoch(), epochs, Double.NaN, r.best(), Duration.ZERO);
  }

  /** A listener that hands {@code to} each epoch's figures as an {@link Epoch}. */
  public TrainListener onEpoch(Consumer<Epoch> to) {
    return e -> {
      if (e instanceof TrainEvent.EpochEnded en) {
        to.accept(
            new Epoch(
                en.epoch(),
                epochs,
                en.metrics().get("bits_per_char"),
                en.metrics().getOrDefault("val_bits_per_char", Double.NaN),
                en.elapsed()));
      }
    };
  }
}
