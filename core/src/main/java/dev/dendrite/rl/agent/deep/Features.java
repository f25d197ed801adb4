package dev.dendrite.rl.agent.deep;

import dev.dendrite.rl.space.Box;
import dev.dendrite.rl.space.Discrete;
import dev.dendrite.rl.space.Space;

/**
 * Turns an observation into the network's input: a {@link Box} observation as its float values, a
 * {@link Discrete} one as a one-hot vector (as Stable-Baselines3 preprocesses them).
 */
final class Features {
  private final Space<?> space;
  private final int size;

  Features(Space<?> space) {
    this.space = space;
    this.size =
        switch (space) {
          case Box b -> b.size();
          case Discrete d -> d.n();
        };
  }

  /** The input width. */
  int size() {
    return size;
  }

  /** Writes the features of {@code observation} to {@code out[at .. at + size)}. */
  void write(Object observation, float[] out, int at) {
    switch (space) {
      case Box b -> {
        double[] o = (double[]) observation;
        for (int i = 0; i < size; i++) out[at + i] = (float) o[i];
      }
      case Discrete d -> {
        java.util.Arrays.fill(out, at, at + size, 0f);
        out[at + ((Integer) observation - d.start())] = 1f;
      }
    }
  }
}
