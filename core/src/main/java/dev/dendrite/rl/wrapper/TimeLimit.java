package dev.dendrite.rl.wrapper;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;

/**
 * Truncates an episode after a number of steps, as Gymnasium's {@code TimeLimit}: the step that
 * reaches the limit returns {@code truncated = true} (and keeps {@code terminated} as the task set
 * it). A further {@code step} without {@code reset} is an error.
 */
public final class TimeLimit<O, A> extends Wrapper<O, A> {
  private final int maxEpisodeSteps;
  private int elapsed = -1; // -1 before the first reset
  private boolean ended;

  public TimeLimit(Env<O, A> env, int maxEpisodeSteps) {
    super(env);
    if (maxEpisodeSteps < 1)
      throw new IllegalArgumentException(
          "TimeLimit: max episode steps must be >= 1, got " + maxEpisodeSteps);
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** The step limit. */
  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /** Steps taken in the current episode. */
  public int elapsedSteps() {
    return Math.max(elapsed, 0);
  }

  @Override
  public Reset<O> reset(long seed) {
    Reset<O> r = env.reset(seed);
    elapsed = 0;
    ended = false;
    return r;
  }

  @Override
  public Reset<O> reset() {
    Reset<O> r = env.reset();
    elapsed = 0;
    ended = false;
    return r;
  }

  @Override
  public Step<O> step(A action) {
    if (ended)
      throw new IllegalStateException(
          id()
              + ": step() after the episode reached its "
              + maxEpisodeSteps
              + "-step limit; call reset() first");
    Step<O> s = env.step(action);
    elapsed++;
    if (elapsed >= maxEpisodeSteps && !s.truncated())
      s = new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info());
    if (elapsed >= maxEpisodeSteps) ended = true;
    return s;
  }
}
