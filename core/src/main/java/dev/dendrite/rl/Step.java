package dev.dendrite.rl;

import java.util.Map;

/**
 * What one {@link Env#step} returns, as Gymnasium's five-tuple.
 *
 * @param observation the observation after the action
 * @param reward the reward for the action
 * @param terminated the episode reached a terminal state of the task (a fallen pole, the goal)
 * @param truncated the episode was cut off from outside the task (a time limit)
 * @param info extra, environment-specific values (never null)
 */
public record Step<O>(
    O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {
  public Step {
    info = info == null ? Map.of() : info;
  }

  /** Whether the episode is over, either way: the next call must be {@code reset}. */
  public boolean done() {
    return terminated || truncated;
  }
}
