package dev.dendrite.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each epoch's metrics (Keras' {@code History}): the learning curves {@link Diagnosis} reads.
 */
public final class History implements TrainListener {
  private final List<Map<String, Double>> epochs = new ArrayList<>();

  @Override
  public void on(TrainEvent e) {
    if (e instanceof TrainEvent.EpochEnded en) epochs.add(new LinkedHashMap<>(en.metrics()));
  }

  /** The metrics of each epoch seen, oldest first. */
  public List<Map<String, Double>> epochs() {
    return List.copyOf(epochs);
  }
}
