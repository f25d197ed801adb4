package dev.dendrite.nn;

import dev.dendrite.tensor.Rng;

/**
 * A layer that draws random numbers while training (dropout, noise). Its generator's position is
 * part of a run's state: a checkpoint saves it, so that a resumed run drops the same units as an
 * uninterrupted one.
 */
public interface RandomLayer {
  /** The generator this layer draws from. */
  Rng rng();
}
