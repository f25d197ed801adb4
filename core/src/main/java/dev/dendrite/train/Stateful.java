package dev.dendrite.train;

import java.util.Map;

/**
 * A listener whose decisions depend on what it has seen (a plateau's best value and patience
 * counter), or a step with state of its own (its random generator): {@link Trainer} saves its state
 * in each checkpoint and gives it back on resume, so a resumed run goes on as an uninterrupted one
 * would.
 */
public interface Stateful {
  /** A name unique among the run's listeners; its state is saved under {@code key + "." + name}. */
  String key();

  Map<String, Double> state();

  void restore(Map<String, Double> state);
}
