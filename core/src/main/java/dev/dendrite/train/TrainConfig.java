package dev.dendrite.train;

import dev.dendrite.optim.Schedules;
import java.nio.file.Path;

/**
 * How a run trains. Batch gradient descent, stochastic gradient descent and mini-batch gradient
 * descent are the same loop with batch sizes N, 1 and b.
 *
 * @param epochs passes over the training data
 * @param batchSize examples per optimizer step
 * @param seed seeds the shuffling; with the same seed and thread count a run repeats bit for bit
 * @param schedule learning rate per epoch, or null to keep the optimizer's
 * @param clipNorm clip the gradients' joint L2 norm to this (0: no clipping)
 * @param earlyStopping or null
 * @param checkpoint file rewritten atomically every {@code checkpointEvery} epochs, or null
 * @param checkpointEvery epochs between checkpoints (≥ 1)
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    long seed,
    Schedules.Schedule schedule,
    double clipNorm,
    EarlyStopping earlyStopping,
    Path checkpoint,
    int checkpointEvery) {
  public TrainConfig {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    if (batchSize < 1)
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (!(clipNorm >= 0))
      throw new IllegalArgumentException("clip norm must be >= 0, got " + clipNorm);
    if (checkpointEvery < 1)
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 1 epoch, got " + checkpointEvery);
  }

  public TrainConfig(int epochs, int batchSize, long seed) {
    this(epochs, batchSize, seed, null, 0, null, null, 1);
  }

  public TrainConfig withSchedule(Schedules.Schedule s) {
    return new TrainConfig(
        epochs, batchSize, seed, s, clipNorm, earlyStopping, checkpoint, checkpointEvery);
  }

  public TrainConfig withClipNorm(double c) {
    return new TrainConfig(
        epochs, batchSize, seed, schedule, c, earlyStopping, checkpoint, checkpointEvery);
  }

  public TrainConfig withEarlyStopping(EarlyStopping e) {
    return new TrainConfig(
        epochs, batchSize, seed, schedule, clipNorm, e, checkpoint, checkpointEvery);
  }

  public TrainConfig withCheckpoint(Path file, int every) {
    return new TrainConfig(epochs, batchSize, seed, schedule, clipNorm, earlyStopping, file, every);
  }
}
