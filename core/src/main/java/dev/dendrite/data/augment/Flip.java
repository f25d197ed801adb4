package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/** Horizontal flip (mirror left–right) with probability {@code p}. */
public record Flip(double p) implements Augmentation {
  public Flip {
    if (!(p >= 0 && p <= 1))
      throw new IllegalArgumentException("flip: probability must be in [0, 1], got " + p);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    if (rng.nextDouble() < p) mirror(img, off, c, h, w);
  }

  /** Reverses every row of every channel. */
  static void mirror(float[] img, int off, int c, int h, int w) {
    for (int row = 0, rows = c * h; row < rows; row++) {
      for (int i = off + row * w, j = i + w - 1; i < j; i++, j--) {
        float t = img[i];
        img[i] = img[j];
        img[j] = t;
      }
    }
  }
}
