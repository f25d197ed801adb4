package dev.dendrite.rl.agent;

/**
 * Expected SARSA (van Seijen et al. 2009): bootstraps on the expected next value under the ε-greedy
 * policy, {@code target = r + gamma * sum_a' pi(a' | s') Q(s', a')}, where the greedy share {@code
 * 1 - epsilon} is split among tied best actions as acting breaks ties at random.
 */
public final class ExpectedSarsa extends TemporalDifference {
  public ExpectedSarsa(int numStates, int numActions, TdSettings settings, long seed) {
    super(numStates, numActions, settings, seed);
  }

  @Override
  protected String name() {
    return "ExpectedSarsa";
  }

  @Override
  protected double bootstrap(int state, int next, double epsilon) {
    double[] v = q[state];
    double best = max(v);
    int ties = 0;
    double sum = 0;
    for (double x : v) {
      sum += x;
      if (x == best) ties++;
    }
    return epsilon * sum / v.length + (1 - epsilon) * best;
  }
}
