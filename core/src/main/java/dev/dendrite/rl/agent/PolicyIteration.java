package dev.dendrite.rl.agent;

import dev.dendrite.rl.TabularModel;
import java.util.Arrays;

/**
 * Policy iteration (Sutton and Barto, section 4.3): evaluate the current deterministic policy, make
 * it greedy with respect to its values, and stop when it no longer changes. Starts from action 0
 * everywhere; with {@code gamma = 1} that start must terminate (use {@code gamma < 1} otherwise).
 */
public final class PolicyIteration {
  private PolicyIteration() {}

  /** Cap on improvement rounds. */
  public static final int MAX_ROUNDS = 10_000;

  /** Solves {@code model}; {@link Plan#sweeps()} counts improvement rounds. */
  public static Plan solve(TabularModel model, double gamma, double theta) {
    Checks.gamma("PolicyIteration", gamma);
    Checks.tolerance("PolicyIteration", theta);
    int[] policy = new int[model.numStates()];
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      double[] v =
          PolicyEvaluation.evaluate(
              model, PolicyEvaluation.deterministic(policy, model.numActions()), gamma, theta);
      int[] better = Bellman.greedy(model, v, gamma);
      // Keep the current action where it is as good as the greedy one: no endless flipping.
      for (int s = 0; s < better.length; s++)
        if (Bellman.actionValue(model, v, s, policy[s], gamma)
            >= Bellman.actionValue(model, v, s, better[s], gamma) - 1e-12) better[s] = policy[s];
      if (Arrays.equals(better, policy)) return new Plan(v, policy, round);
      policy = better;
    }
    throw new IllegalStateException(
        "PolicyIteration: the policy still changes after " + MAX_ROUNDS + " rounds");
  }
}
