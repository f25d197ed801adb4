package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * The noise a denoising autoencoder (Vincent et al. 2008) learns to undo, applied to the training
 * input only while the target stays the clean input.
 */
@FunctionalInterface
public interface Corruption {
  /** A corrupted copy of {@code x}, drawing from {@code rng}; {@code x} is not changed. */
  Tensor apply(Tensor x, Rng rng);

  /** Masking noise: each element set to 0 with probability {@code p}, independently. */
  static Corruption masking(double p) {
    if (!(p >= 0 && p <= 1))
      throw new IllegalArgumentException("masking: p must be in [0, 1], got " + p);
    return (x, rng) -> {
      try (var off = Grad.disabled()) {
        return x.mul(Tensor.bernoulli(rng, 1 - p, x.shape()));
      }
    };
  }

  /** Additive Gaussian noise N(0, σ²) on each element. */
  static Corruption gaussian(double sigma) {
    if (!(sigma >= 0))
      throw new IllegalArgumentException("gaussian: sigma must be >= 0, got " + sigma);
    return (x, rng) -> {
      try (var off = Grad.disabled()) {
        return x.add(Tensor.randn(rng, x.shape()).mul((float) sigma));
      }
    };
  }

  /**
   * A collate for a {@link DataLoader} over the rows of {@code data}: features the corrupted rows,
   * target the clean ones. Each batch's noise comes from a generator seeded by {@code seed} and the
   * batch's number, so a run, and a resumed run, repeats bit for bit.
   */
  static DataLoader.Collate<DataLoader.Batch> denoising(Tensor data, Corruption c, long seed) {
    return (rows, number) -> {
      Tensor clean = data.indexSelect(0, DataLoader.indexTensor(rows));
      return new DataLoader.Batch(c.apply(clean, batchRng(seed, number)), clean);
    };
  }

  /** The generator for batch {@code number} of a run seeded with {@code seed}. */
  static Rng batchRng(long seed, long number) {
    return new Rng(new Rng(seed ^ (0xD1B54A32D192ED03L * (number + 1))).nextLong());
  }
}
