package dev.dendrite.data.augment;

import dev.dendrite.tensor.Rng;

/**
 * Cutout (DeVries and Taylor 2017): a size × size square, centred on a uniformly random pixel, set
 * to 0 in every channel; near the border the square is clipped, so less may be hidden.
 */
public record Cutout(int size) implements Augmentation {
  public Cutout {
    if (size < 1) throw new IllegalArgumentException("cutout: size must be >= 1, got " + size);
  }

  @Override
  public void apply(float[] img, int off, int c, int h, int w, float[] scratch, Rng rng) {
    int cy = rng.nextInt(h), cx = rng.nextInt(w);
    at(img, off, c, h, w, cy - size / 2, cx - size / 2, size);
  }

  /** Zeroes rows [top, top + size) × columns [left, left + size), clipped to the image. */
  static void at(float[] img, int off, int c, int h, int w, int top, int left, int size) {
    int y0 = Math.max(0, top),
        y1 = Math.min(h, top + size),
        x0 = Math.max(0, left),
        x1 = Math.min(w, left + size);
    if (x0 >= x1) return;
    for (int ch = 0; ch < c; ch++) {
      for (int y = y0; y < y1; y++)
        java.util.Arrays.fill(img, off + (ch * h + y) * w + x0, off + (ch * h + y) * w + x1, 0f);
    }
  }
}
