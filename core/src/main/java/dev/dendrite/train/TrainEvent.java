package dev.dendrite.train;

import java.time.Duration;
import java.util.Map;

/**
 * What a training run reports, in order: {@code RunStarted}, then per epoch {@code EpochStarted},
 * {@code BatchEnded}×steps, {@code EpochEnded}, and finally {@code RunFinished}. The progress bar,
 * the metrics log, schedules, early stopping and checkpoints all read this one stream, whatever the
 * model family.
 */
public sealed interface TrainEvent {
  /**
   * The run begins (or resumes) at {@code firstEpoch} of {@code epochs}; {@code firstStep}
   * optimizer steps were taken before it (0 unless resumed).
   */
  record RunStarted(int firstEpoch, int epochs, int stepsPerEpoch, long parameters, int firstStep)
      implements TrainEvent {
    /** A run from its first step. */
    public RunStarted(int firstEpoch, int epochs, int stepsPerEpoch, long parameters) {
      this(firstEpoch, epochs, stepsPerEpoch, parameters, 0);
    }
  }

  record EpochStarted(int epoch) implements TrainEvent {}

  /** After each optimizer step; {@code step} counts from 1 over the whole run. */
  record BatchEnded(
      int epoch, int step, int batchInEpoch, double loss, int batchSize, Duration elapsed)
      implements TrainEvent {}

  /**
   * After an epoch and its validation; {@code metrics} holds e.g. {@code loss}, {@code accuracy},
   * {@code val_loss}, {@code val_accuracy}, {@code lr}.
   */
  record EpochEnded(int epoch, Map<String, Double> metrics, Duration elapsed)
      implements TrainEvent {}

  /** A checkpoint was written. */
  record CheckpointSaved(int epoch, int step, java.nio.file.Path file) implements TrainEvent {}

  /** The run ended; {@code reason} says why (completed, early stop, divergence). */
  record RunFinished(int epochs, String reason, Map<String, Double> lastMetrics, Duration elapsed)
      implements TrainEvent {}
}
