package dev.dendrite.train.callbacks;

import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.Schedules;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;

/**
 * Sets the learning rate from a schedule, per epoch (before each epoch's first step, as PyTorch's
 * schedulers stepped once per epoch) or per optimizer step (warm-up, one-cycle): a listener of the
 * {@link TrainEvent} stream that acts on the optimizer.
 */
public final class LRScheduler implements TrainListener {
  private final Optimizer opt;
  private final Schedules.Schedule schedule;
  private final boolean perStep;

  private LRScheduler(Optimizer opt, Schedules.Schedule schedule, boolean perStep) {
    this.opt = opt;
    this.schedule = schedule;
    this.perStep = perStep;
  }

  /** {@code schedule.lr(e)} before epoch e (counted from 0). */
  public static LRScheduler perEpoch(Optimizer opt, Schedules.Schedule schedule) {
    return new LRScheduler(opt, schedule, false);
  }

  /** {@code schedule.lr(s)} before optimizer step s (counted from 0 over the whole run). */
  public static LRScheduler perStep(Optimizer opt, Schedules.Schedule schedule) {
    return new LRScheduler(opt, schedule, true);
  }

  @Override
  public void on(TrainEvent e) {
    switch (e) {
      case TrainEvent.EpochStarted s when !perStep -> opt.setLr(schedule.lr(s.epoch() - 1));
      case TrainEvent.RunStarted r when perStep -> opt.setLr(schedule.lr(r.firstStep()));
      case TrainEvent.BatchEnded b when perStep -> opt.setLr(schedule.lr(b.step()));
      default -> {}
    }
  }
}
