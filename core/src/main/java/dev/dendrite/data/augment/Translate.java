package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/**
 * Translation by (tx, ty), each drawn uniformly from [−pixels, pixels], resampled bilinearly (a
 * sub-pixel shift blends neighbours; a whole-pixel one moves pixels exactly); uncovered pixels are
 * 0. {@link Crop} is the whole-pixel variant.
 */
public record Translate(double pixels) implements Augmentation {
  public Translate {
    if (!(pixels >= 0))
      throw new IllegalArgumentException("translate: pixels must be >= 0, got " + pixels);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    double tx = (2 * rng.nextDouble() - 1) * pixels, ty = (2 * rng.nextDouble() - 1) * pixels;
    by(img, off, c, h, w, scratch, tx, ty);
  }

  /** Moves the content right by tx and down by ty pixels. */
  static void by(float[] img, int off, int c, int h, int w, float[] scratch, double tx, double ty) {
    Warp.apply(img, off, c, h, w, scratch, 0, tx, ty);
  }
}
