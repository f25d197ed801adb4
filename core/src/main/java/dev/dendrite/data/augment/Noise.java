package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/** Additive Gaussian noise N(0, std²), independent per pixel and channel. */
public record Noise(double std) implements Augmentation {
  public Noise {
    if (!(std >= 0)) throw new IllegalArgumentException("noise: std must be >= 0, got " + std);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    int n = c * h * w;
    // Marsaglia's polar method: two independent normals per accepted pair of uniforms, with one log
    // and one square root and no trigonometry (Rng.nextGaussian keeps one normal of a Box–Muller
    // pair).
    for (int i = 0; i < n; i += 2) {
      double u, v, q;
      do {
        u = 2 * rng.nextDouble() - 1;
        v = 2 * rng.nextDouble() - 1;
        q = u * u + v * v;
      } while (q >= 1 || q == 0);
      double f = std * Math.sqrt(-2 * Math.log(q) / q);
      img[off + i] += (float) (u * f);
      if (i + 1 < n) img[off + i + 1] += (float) (v * f);
    }
  }
}
