package dev.dendrite.train;

/** Receives the events of a training run, in order, on the training thread. */
@FunctionalInterface
public interface TrainListener {
  void on(TrainEvent event);
}
