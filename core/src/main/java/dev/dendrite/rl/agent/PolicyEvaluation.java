package dev.dendrite.rl.agent;

import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;

/**
 * Iterative policy evaluation (Sutton and Barto, section 4.1): the values {@code V_pi} of a
 * stochastic policy {@code pi[s][a]}, swept in place until no value moves by more than {@code
 * theta}.
 */
public final class PolicyEvaluation {
  private PolicyEvaluation() {}

  /**
   * The values of {@code pi} (rows summing to 1) for discount {@code gamma}.
   *
   * @throws IllegalStateException if they do not settle within {@link ValueIteration#MAX_SWEEPS}
   *     sweeps (a policy that never terminates, with {@code gamma = 1})
   */
  public static double[] evaluate(TabularModel model, double[][] pi, double gamma, double theta) {
    Checks.gamma("PolicyEvaluation", gamma);
    Checks.tolerance("PolicyEvaluation", theta);
    if (pi.length != model.numStates())
      throw new IllegalArgumentException(
          "PolicyEvaluation: policy has "
              + pi.length
              + " rows, model "
              + model.numStates()
              + " states");
    double[] v = new double[model.numStates()];
    for (int sweep = 1; sweep <= ValueIteration.MAX_SWEEPS; sweep++) {
      double delta = 0;
      for (int s = 0; s < v.length; s++) {
        double x = 0;
        for (int a = 0; a < model.numActions(); a++) {
          if (pi[s][a] == 0) continue;
          double q = 0;
          for (Transition t : model.transitions(s, a))
            q += t.prob() * (t.reward() + (t.terminated() ? 0 : gamma * v[t.next()]));
          x += pi[s][a] * q;
        }
        delta = Math.max(delta, Math.abs(x - v[s]));
        v[s] = x;
      }
      if (delta < theta) return v;
    }
    throw new IllegalStateException(
        "PolicyEvaluation: values still move after "
            + ValueIteration.MAX_SWEEPS
            + " sweeps (gamma = "
            + gamma
            + "; does the policy ever terminate?)");
  }

  /** The deterministic policy {@code policy[s]} as a table of probabilities. */
  public static double[][] deterministic(int[] policy, int numActions) {
    double[][] pi = new double[policy.length][numActions];
    for (int s = 0; s < policy.length; s++) pi[s][policy[s]] = 1;
    return pi;
  }
}
