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
    // Box–Muller gives two independent normals per pair of uniforms; Rng.nextGaussian keeps one.
    for (int i = 0; i < n; i += 2) {
      double r = std * Math.sqrt(-2 * Math.log(1 - rng.nextDouble())), a = 2 * Math.PI * rng.nextDouble();
      img[off + i] += (float) (r * Math.cos(a));
      if (i + 1 < n) img[off + i + 1] += (float) (r * Math.sin(a));
    }
  }
}
