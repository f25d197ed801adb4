package dev.dendrite.rl.space;

import dev.dendrite.tensor.Rng;

/**
 * The integers {@code start, start + 1, ..., start + n - 1}, as Gymnasium's {@code
 * spaces.Discrete(n, start=0)}.
 */
public record Discrete(int n, int start) implements Space<Integer> {
  public Discrete {
    if (n < 1) throw new IllegalArgumentException("Discrete: n must be >= 1, got " + n);
  }

  /** The integers {@code 0 .. n - 1}. */
  public Discrete(int n) {
    this(n, 0);
  }

  @Override
  public Integer sample(Rng rng) {
    return start + rng.nextInt(n);
  }

  @Override
  public boolean contains(Integer x) {
    return x != null && x >= start && x - start < n;
  }

  @Override
  public int[] shape() {
    return new int[0];
  }

  @Override
  public String toString() {
    return start == 0 ? "Discrete(" + n + ")" : "Discrete(" + n + ", start=" + start + ")";
  }
}
