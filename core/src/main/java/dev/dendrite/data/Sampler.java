package dev.dendrite.data;

import dev.dendrite.tensor.Rng;

/**
 * Which examples a {@link DataLoader} visits in one pass, and in what order (PyTorch's {@code
 * Sampler}). The sampler draws from the loader's generator, never one of its own, so a checkpoint
 * that saves the loader's generator state resumes the sampler exactly too.
 */
public interface Sampler {
  /** The example indices of one pass, drawing any randomness from {@code rng}. */
  int[] indices(Rng rng);

  /** Indices per pass (PyTorch's {@code len(sampler)}). */
  int length();

  /** Examples {@code 0 … n−1} in order ({@code SequentialSampler}). */
  static Sampler sequential(int n) {
    return new Sampler() {
      @Override
      public int[] indices(Rng rng) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
      }

      @Override
      public int length() {
        return n;
      }
    };
  }

  /** A new permutation of {@code 0 … n−1} each pass ({@code RandomSampler}). */
  static Sampler shuffle(int n) {
    Sampler seq = sequential(n);
    return new Sampler() {
      @Override
      public int[] indices(Rng rng) {
        int[] o = seq.indices(rng);
        rng.shuffle(o);
        return o;
      }

      @Override
      public int length() {
        return n;
      }
    };
  }
}
