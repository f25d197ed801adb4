package dev.dendrite.tune;

/**
 * Decides what a search trains next: which trial, from which epoch to which. Called from one thread
 * at a time (the tuner holds a lock).
 */
public interface Scheduler {
  /**
   * Train {@code trial} from epoch {@code from} (0: a fresh model) to epoch {@code to}; {@code
   * rung} counts the promotions (0 for the first job of a trial).
   */
  record Job(int trial, int rung, int from, int to) {}

  /** The next job, or null when there is none now (wait for a running job, or the search ended). */
  Job next();

  /** A job finished with this score (NaN: the trial failed). */
  void report(Job job, double score);

  /**
   * A result read back from the study file: {@code trial} reached {@code epochs} with {@code
   * score}.
   */
  void restore(int trial, int epochs, double score);

  /** The epochs of a trial that is never stopped early. */
  int maxEpochs();
}
