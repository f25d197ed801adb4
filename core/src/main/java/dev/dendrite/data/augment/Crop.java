package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/**
 * Random crop with zero padding, as torchvision's {@code RandomCrop(size, padding)} with the output
 * the size of the input: the image is padded by {@code padding} on every side and an H × W window
 * is cut out at a uniformly random offset (top, left) in [0, 2·padding]². That is a shift by whole
 * pixels, (top − padding, left − padding), so no pixel is interpolated.
 */
public record Crop(int padding) implements Augmentation {
  public Crop {
    if (padding < 0)
      throw new IllegalArgumentException("crop: padding must be >= 0, got " + padding);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    int top = rng.nextInt(2 * padding + 1), left = rng.nextInt(2 * padding + 1);
    at(img, off, c, h, w, scratch, padding, top, left);
  }

  /**
   * The window at (top, left) of the padded image: out(y, x) = in(y + top − padding, x + left −
   * padding), 0 outside.
   */
  static void at(
      float[] img, int off, int c, int h, int w, float[] scratch, int padding, int top, int left) {
    shift(img, off, c, h, w, scratch, padding - top, padding - left);
  }

  /**
   * Moves the content down by dy and right by dx whole pixels (negative: up, left), filling with 0.
   */
  static void shift(float[] img, int off, int c, int h, int w, float[] scratch, int dy, int dx) {
    if (dy == 0 && dx == 0) return;
    int n = c * h * w;
    java.util.Arrays.fill(scratch, 0, n, 0f);
    int x0 = Math.max(0, dx),
        x1 = Math.min(w, w + dx),
        len = x1 - x0; // destination columns that have a source
    if (len > 0) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = Math.max(0, dy), yEnd = Math.min(h, h + dy); y < yEnd; y++) {
          System.arraycopy(
              img, off + (ch * h + y - dy) * w + x0 - dx, scratch, (ch * h + y) * w + x0, len);
        }
      }
    }
    System.arraycopy(scratch, 0, img, off, n);
  }
}
