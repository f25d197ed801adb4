package dev.dendrite.rl.space;

import dev.dendrite.tensor.Rng;

/**
 * The set an environment's observations or actions are drawn from, as Gymnasium's {@code
 * gymnasium.spaces.Space}: it can draw a random member and tell whether a value belongs to it.
 *
 * @param <T> the Java type of a member ({@code Integer} for {@link Discrete}, {@code double[]} for
 *     {@link Box})
 */
public sealed interface Space<T> permits Discrete, Box {
  /** A random member, drawn from {@code rng}. */
  T sample(Rng rng);

  /** Whether {@code x} is a member (false for null or a value of the wrong shape). */
  boolean contains(T x);

  /** The shape of one member: {@code []} for a discrete space, {@code [n]} for a vector box. */
  int[] shape();
}
