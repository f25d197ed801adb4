package dev.dendrite.rl.agent;

/**
 * Q-learning (Watkins 1989): off-policy TD control that bootstraps on the best next action, {@code
 * target = r + gamma * max_a' Q(s', a')}, so it learns the greedy policy's values while it
 * explores.
 */
public final class QLearning extends TemporalDifference {
  public QLearning(int numStates, int numActions, TdSettings settings, long seed) {
    super(numStates, numActions, settings, seed);
  }

  @Override
  protected String name() {
    return "QLearning";
  }

  @Override
  protected double bootstrap(int state, int next, double epsilon) {
    return max(q[state]);
  }
}
