package dev.dendrite.rl.agent;

import dev.dendrite.rl.TabularModel;

/**
 * Value iteration (Sutton and Barto, section 4.4): sweeps {@code V(s) <- max_a sum p (r + gamma
 * V(s'))} in place until no value moves by more than {@code theta}, then reads off the greedy
 * policy.
 */
public final class ValueIteration {
  private ValueIteration() {}

  /** Default cap on sweeps. */
  public static final int MAX_SWEEPS = 100_000;

  /**
   * Solves {@code model} for discount {@code gamma} in [0, 1] to tolerance {@code theta} > 0.
   *
   * @throws IllegalStateException if the values still move after {@link #MAX_SWEEPS} sweeps (with
   *     {@code gamma = 1}, a model whose rewards never stop)
   */
  public static Plan solve(TabularModel model, double gamma, double theta) {
    Checks.gamma("ValueIteration", gamma);
    Checks.tolerance("ValueIteration", theta);
    double[] v = new double[model.numStates()];
    for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
      double delta = 0;
      for (int s = 0; s < v.length; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < model.numActions(); a++)
          best = Math.max(best, Bellman.actionValue(model, v, s, a, gamma));
        delta = Math.max(delta, Math.abs(best - v[s]));
        v[s] = best;
      }
      if (delta < theta) return new Plan(v, Bellman.greedy(model, v, gamma), sweep);
    }
    throw new IllegalStateException(
        "ValueIteration: values still move after "
            + MAX_SWEEPS
            + " sweeps (gamma = "
            + gamma
            + "); use gamma < 1");
  }
}
