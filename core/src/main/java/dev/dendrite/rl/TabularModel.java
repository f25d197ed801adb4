package dev.dendrite.rl;

import java.util.List;

/**
 * An environment with finitely many states and actions whose dynamics are known, as the {@code P}
 * table Gymnasium's toy-text environments expose: {@code transitions(s, a)} lists every outcome of
 * action {@code a} in state {@code s} with its probability. Planning agents (value and policy
 * iteration) read it; learning agents only step the environment.
 */
public interface TabularModel {
  /** The number of states, numbered {@code 0 .. numStates() - 1}. */
  int numStates();

  /** The number of actions, numbered {@code 0 .. numActions() - 1}. */
  int numActions();

  /**
   * The outcomes of {@code action} in {@code state}, with probabilities summing to 1. A terminal
   * state lists itself with probability 1, reward 0 (as Gymnasium's FrozenLake does for holes and
   * the goal).
   */
  List<Transition> transitions(int state, int action);
}
