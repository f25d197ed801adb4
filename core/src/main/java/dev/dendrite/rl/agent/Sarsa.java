package dev.dendrite.rl.agent;

/**
 * SARSA (Rummery and Niranjan 1994): on-policy TD control that bootstraps on the action the
 * ε-greedy policy actually takes next, {@code target = r + gamma * Q(s', a')}, so it learns the
 * values of the exploring policy itself (and keeps away from the cliff's edge).
 */
public final class Sarsa extends TemporalDifference {
  public Sarsa(int numStates, int numActions, TdSettings settings, long seed) {
    super(numStates, numActions, settings, seed);
  }

  @Override
  protected String name() {
    return "Sarsa";
  }

  @Override
  protected boolean choosesNextFirst() {
    return true;
  }

  @Override
  protected double bootstrap(int state, int next, double epsilon) {
    return q[state][next];
  }
}
