package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/**
 * Rotation about the image centre by an angle drawn uniformly from [−degrees, degrees], resampled
 * bilinearly; corners that come from outside the image become 0. Positive angles turn the picture
 * counter-clockwise, as torchvision's {@code RandomRotation}.
 */
public record Rotate(double degrees) implements Augmentation {
  public Rotate {
    if (!(degrees >= 0 && degrees <= 180))
      throw new IllegalArgumentException("rotate: degrees must be in [0, 180], got " + degrees);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    double angle = (2 * rng.nextDouble() - 1) * degrees;
    if (angle != 0) by(img, off, c, h, w, scratch, angle);
  }

  /** Rotates by exactly {@code angle} degrees. */
  static void by(float[] img, int off, int c, int h, int w, float[] scratch, double angle) {
    Warp.apply(img, off, c, h, w, scratch, Math.toRadians(angle), 0, 0);
  }
}
