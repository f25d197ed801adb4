package dev.dendrite.rl;

import dev.dendrite.rl.space.Space;
import java.awt.image.BufferedImage;

/**
 * An environment an agent acts in, with Gymnasium's API: {@code reset} starts an episode, {@code
 * step} applies one action. Observations and actions are typed by their spaces: a vector
 * environment such as CartPole observes {@code double[]}, a grid world such as FrozenLake observes
 * an {@code Integer} state; discrete actions are {@code Integer}s.
 *
 * <p>Calling {@code step} before the first {@code reset}, after the episode ended (terminated or
 * truncated), or with an action outside {@link #actionSpace()} is an error.
 *
 * @param <O> observation type
 * @param <A> action type
 */
public interface Env<O, A> {
  /** The registered name, such as {@code CartPole-v1}. */
  String id();

  /** The space observations belong to. */
  Space<O> observationSpace();

  /** The space actions must belong to. */
  Space<A> actionSpace();

  /**
   * Starts an episode, first seeding the environment's generator with {@code seed}: the same seed
   * and the same actions give the same episode.
   */
  Reset<O> reset(long seed);

  /**
   * Starts an episode, continuing the generator of the previous episode (seeded from the clock if
   * the environment was never seeded, as Gymnasium seeds from the operating system's entropy).
   */
  Reset<O> reset();

  /** Applies one action and returns what followed. */
  Step<O> step(A action);

  /** The current state drawn as plain text (no terminal escape codes), lines ending in '\n'. */
  String render();

  /**
   * The current state drawn as an RGB image.
   *
   * @throws UnsupportedOperationException if the environment draws text only
   */
  default BufferedImage frame() {
    throw new UnsupportedOperationException(id() + ": no image rendering, only text (render())");
  }

  /** The innermost environment, under any wrappers. */
  default Env<?, ?> unwrapped() {
    return this;
  }
}
