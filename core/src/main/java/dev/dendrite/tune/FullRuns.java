package dev.dendrite.tune;

import java.util.Set;
import java.util.TreeSet;

/**
 * Grid and random search: trials 0 to n − 1, each trained for the full number of epochs in one job,
 * none stopped early.
 */
public final class FullRuns implements Scheduler {
  private final int trials, epochs;
  private final Set<Integer> begun = new TreeSet<>();

  public FullRuns(int trials, int epochs) {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    this.trials = trials;
    this.epochs = epochs;
  }

  @Override
  public Job next() {
    for (int t = 0; t < trials; t++) if (begun.add(t)) return new Job(t, 0, 0, epochs);
    return null;
  }

  @Override
  public void report(Job job, double score) {}

  @Override
  public void restore(int trial, int epochs, double score) {
    if (epochs != this.epochs)
      throw new IllegalArgumentException(
          "trial " + trial + " ran " + epochs + " epochs; this search runs " + this.epochs);
    begun.add(trial);
  }

  @Override
  public int maxEpochs() {
    return epochs;
  }
}
