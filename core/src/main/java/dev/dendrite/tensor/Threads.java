package dev.dendrite.tensor;

import dev.dendrite.kernels.Parallel;

/**
 * The size of the one shared thread pool that every kernel uses (the calling thread included).
 * Defaults to the number of cores, or {@code -Ddendrite.threads=N}.
 */
public final class Threads {
  private Threads() {}

  public static int get() {
    return Parallel.threads();
  }

  public static void set(int n) {
    Parallel.setThreads(n);
  }
}
