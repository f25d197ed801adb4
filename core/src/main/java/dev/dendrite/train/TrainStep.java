package dev.dendrite.train;

import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * What {@link Trainer} does with one batch: usually forward, loss, backward and an optimizer step
 * ({@link Supervised}); a GAN takes its discriminator and generator steps here, an agent its
 * update. The trainer owns everything around it: the epochs, the batches, the events, the metrics,
 * validation, schedules, checkpoints and early stopping.
 *
 * @param <B> the batch type of the run's {@link dev.dendrite.data.DataLoader}
 */
public interface TrainStep<B> {
  /**
   * Runs one step on {@code batch}. A step whose loss is NaN or infinite throws {@link
   * Trainer.Diverged} before it changes any parameter; the trainer adds the epoch and step.
   */
  Outcome run(B batch);

  /**
   * The optimizers this step updates, in a fixed order: the trainer schedules and checkpoints them.
   */
  List<Optimizer> optimizers();

  /**
   * One step's result, read by the {@link Metric}s.
   *
   * @param loss the mean loss over the batch
   * @param size examples in the batch (the weight of {@code loss} in an epoch's mean)
   * @param output the model's output, or null when no metric needs it
   * @param target what the output was compared with, or null
   */
  record Outcome(double loss, int size, Tensor output, Tensor target) {}
}
