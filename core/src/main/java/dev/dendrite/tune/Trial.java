package dev.dendrite.tune;

import java.util.Map;

/**
 * A trial as the study file last recorded it.
 *
 * @param id its number; configurations of random and Hyperband searches are drawn from it
 * @param config the hyper-parameters
 * @param curve the score after each epoch trained so far
 * @param error why it failed (e.g. the loss diverged), or null
 * @param seconds time spent training it, over all its jobs
 */
public record Trial(
    int id, Map<String, Object> config, double[] curve, String error, double seconds) {
  public int epochs() {
    return curve.length;
  }

  /** The last epoch's score; NaN for a failed trial. */
  public double score() {
    return error != null || curve.length == 0 ? Double.NaN : curve[curve.length - 1];
  }

  /** Stopped before the top rung: a Hyperband trial that was not promoted (or not yet). */
  public boolean pruned(int maxEpochs) {
    return error == null && curve.length < maxEpochs;
  }
}
