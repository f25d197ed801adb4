package dev.dendrite.train.callbacks;

import dev.dendrite.optim.ReduceLROnPlateau;
import dev.dendrite.train.Stateful;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import java.util.Map;

/**
 * Feeds a metric of each {@link TrainEvent.EpochEnded} to a {@link ReduceLROnPlateau}, which lowers
 * the learning rate when the metric stops improving; its counters go into checkpoints.
 */
public final class LROnPlateau implements TrainListener, Stateful {
  private final ReduceLROnPlateau plateau;
  private final String monitor;

  /**
   * @param monitor a metric of the run, e.g. {@code val_loss}
   */
  public LROnPlateau(ReduceLROnPlateau plateau, String monitor) {
    this.plateau = plateau;
    this.monitor = monitor;
  }

  @Override
  public void on(TrainEvent e) {
    if (!(e instanceof TrainEvent.EpochEnded en)) return;
    Double v = en.metrics().get(monitor);
    if (v == null)
      throw new IllegalArgumentException(
          "ReduceLROnPlateau monitors "
              + monitor
              + ", which this run does not report ("
              + en.metrics().keySet()
              + ")");
    plateau.step(v);
  }

  @Override
  public String key() {
    return "plateau." + monitor;
  }

  @Override
  public Map<String, Double> state() {
    return plateau.state();
  }

  @Override
  public void restore(Map<String, Double> state) {
    plateau.restore(state);
  }
}
