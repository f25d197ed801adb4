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
 * @param checkpointSteps optimizer steps between checkpoints inside an epoch (0: at epoch ends
 *     only); a run resumed from one goes on from the same batch of the same shuffled order
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    long seed,
    Schedules.Schedule schedule,
    double clipNorm,
    EarlyStopping earlyStopping,
    Path checkpoint,
    int checkpointEvery,
    int checkpointSteps) {
  public TrainConfig {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    if (batchSize < 1)
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (!(clipNorm >= 0))
      throw new IllegalArgumentException("clip norm must be >= 0, got " + clipNorm);
    if (checkpointEvery < 1)
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 1 epoch, got " + checkpointEvery);
    if (checkpointSteps < 0)
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 0 steps, got " + checkpointSteps);
  }

  public TrainConfig(
      int epochs,
      int batchSize,
      long seed,
      Schedules.Schedule schedule,
      double clipNorm,
      EarlyStopping earlyStopping,
      Path checkpoint,
      int checkpointEvery) {
    this(
        epochs, batchSize, seed, schedule, clipNorm, earlyStopping, checkpoint, checkpointEvery, 0);
  }

  public TrainConfig(int epochs, int batchSize, long seed) {
    this(epochs, batchSize, seed, null, 0, null, null, 1, 0);
  }

  public TrainConfig withSchedule(Schedules.Schedule s) {
    return new TrainConfig(
        epochs,
        batchSize,
        seed,
        s,
        clipNorm,
        earlyStopping,
        checkpoint,
        checkpointEvery,
        checkpointSteps);
  }

  public TrainConfig withClipNorm(double c) {
    return new TrainConfig(
        epochs,
        batchSize,
        seed,
        schedule,
        c,
        earlyStopping,
        checkpoint,
        checkpointEvery,
        checkpointSteps);
  }

  public TrainConfig withEarlyStopping(EarlyStopping e) {
    return new TrainConfig(
        epochs,
        batchSize,
        seed,
        schedule,
        clipNorm,
        e,
        checkpoint,
        checkpointEvery,
        checkpointSteps);
  }

  public TrainConfig withCheckpoint(Path file, int every) {
    return new TrainConfig(
        epochs, batchSize, seed, schedule, clipNorm, earlyStopping, file, every, checkpointSteps);
  }

  /** Also checkpoints every {@code steps} optimizer steps inside an epoch (0: never). */
  public TrainConfig withCheckpointSteps(int steps) {
    return new TrainConfig(
        epochs,
        batchSize,
        seed,
        schedule,
        clipNorm,
        earlyStopping,
        checkpoint,
        checkpointEvery,
        steps);
  }
}
