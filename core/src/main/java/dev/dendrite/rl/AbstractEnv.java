package dev.dendrite.rl;

import dev.dendrite.tensor.Rng;

/**
 * The checks every environment shares, so that each one only writes its dynamics: {@code step}
 * refuses an action outside the space and a call before {@code reset} or after the episode ended,
 * and {@code reset(seed)} reseeds the generator {@link #rng} that the dynamics draw from.
 */
public abstract class AbstractEnv<O, A> implements Env<O, A> {
  /** The environment's generator, as Gymnasium's {@code np_random}; set by {@code reset}. */
  protected Rng rng;

  private boolean started;
  private String ended; // why the episode ended, or null while it runs

  @Override
  public final Reset<O> reset(long seed) {
    rng = new Rng(seed);
    return start();
  }

  @Override
  public final Reset<O> reset() {
    if (rng == null) rng = new Rng(System.nanoTime() ^ Thread.currentThread().threadId() << 32);
    return start();
  }

  private Reset<O> start() {
    Reset<O> r = onReset();
    started = true;
    ended = null;
    return r;
  }

  @Override
  public final Step<O> step(A action) {
    if (!started) throw new IllegalStateException(id() + ": step() before reset()");
    if (ended != null)
      throw new IllegalStateException(
          id() + ": step() after the episode " + ended + "; call reset() first");
    if (!actionSpace().contains(action))
      throw new IllegalArgumentException(
          id() + ": action " + action + " is outside the action space " + actionSpace());
    Step<O> s = onStep(action);
    if (s.terminated()) ended = "terminated";
    else if (s.truncated()) ended = "was truncated";
    return s;
  }

  /** Starts an episode: draws the initial state from {@link #rng}. */
  protected abstract Reset<O> onReset();

  /** Applies a valid action to a running episode. */
  protected abstract Step<O> onStep(A action);

  @Override
  public String toString() {
    return id();
  }
}
