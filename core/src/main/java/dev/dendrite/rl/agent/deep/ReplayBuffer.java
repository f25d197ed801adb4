package dev.dendrite.rl.agent.deep;

import dev.dendrite.tensor.Rng;

/**
 * A ring buffer of transitions {@code (s, a, r, s', terminated)} in flat float arrays, sampled
 * uniformly with replacement, as Stable-Baselines3's {@code ReplayBuffer} (which stores {@code s'}
 * beside {@code s} too). Only {@code terminated} stops bootstrapping: a transition cut by a time
 * limit keeps its future value ({@code handle_timeout_termination}).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int obsSize;
  private final float[] obs;
  private final float[] next;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private int size;
  private int at;

  public ReplayBuffer(int capacity, int obsSize) {
    if (capacity < 1 || obsSize < 1)
      throw new IllegalArgumentException(
          "replay buffer: capacity and observation size must be >= 1, got "
              + capacity
              + ", "
              + obsSize);
    this.capacity = capacity;
    this.obsSize = obsSize;
    this.obs = new float[capacity * obsSize];
    this.next = new float[capacity * obsSize];
    this.actions = new int[capacity];
    this.rewards = new float[capacity];
    this.terminated = new boolean[capacity];
  }

  /** Adds one transition; {@code s} and {@code s'} are read from {@code [from, from + obsSize)}. */
  public void add(
      float[] s, int sFrom, int action, double reward, float[] sNext, int nFrom, boolean term) {
    System.arraycopy(s, sFrom, obs, at * obsSize, obsSize);
    System.arraycopy(sNext, nFrom, next, at * obsSize, obsSize);
    actions[at] = action;
    rewards[at] = (float) reward;
    terminated[at] = term;
    at = (at + 1) % capacity;
    size = Math.min(size + 1, capacity);
  }

  /** The number of transitions held. */
  public int size() {
    return size;
  }

  /** Where a sampled batch goes; allocated once and refilled. */
  public static final class Batch {
    public final float[] obs, next, rewards;
    public final int[] actions;
    public final boolean[] terminated;

    public Batch(int batch, int obsSize) {
      obs = new float[batch * obsSize];
      next = new float[batch * obsSize];
      rewards = new float[batch];
      actions = new int[batch];
      terminated = new boolean[batch];
    }
  }

  /** Fills {@code b} with transitions drawn uniformly with replacement. */
  public void sample(Rng rng, Batch b) {
    if (size == 0) throw new IllegalStateException("replay buffer: sample() while empty");
    int n = b.rewards.length;
    for (int k = 0; k < n; k++) {
      int i = rng.nextInt(size);
      System.arraycopy(obs, i * obsSize, b.obs, k * obsSize, obsSize);
      System.arraycopy(next, i * obsSize, b.next, k * obsSize, obsSize);
      b.actions[k] = actions[i];
      b.rewards[k] = rewards[i];
      b.terminated[k] = terminated[i];
    }
  }
}
