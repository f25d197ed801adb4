package dev.dendrite.data.augment;

/**
 * Bilinear resampling of an image under a rotation about its centre followed by a translation, with
 * zeros outside the source (PyTorch's {@code grid_sample(mode='bilinear', padding_mode='zeros')}).
 *
 * <p>With centre (cx, cy) = ((W − 1)/2, (H − 1)/2) and u = x − cx − tx, v = y − cy − ty, the output
 * pixel (x, y) reads the source at (cx + u·cos θ − v·sin θ, cy + u·sin θ + v·cos θ): the picture
 * turns counter-clockwise by θ as displayed (rows run downwards) and moves right by tx, down by ty.
 * A whole-pixel translation reads exact source pixels.
 */
final class Warp {
  private Warp() {}

  static void apply(
      float[] img,
      int off,
      int c,
      int h,
      int w,
      float[] scratch,
      double theta,
      double tx,
      double ty) {
    double cos = Math.cos(theta), sin = Math.sin(theta), cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    int plane = h * w;
    java.util.Arrays.fill(scratch, 0, c * plane, 0f);
    for (int y = 0; y < h; y++) {
      double v = y - cy - ty, u0 = -cx - tx;
      // Source coordinates move by (cos, sin) per output column: one multiply-add each, not a
      // rotation per pixel.
      double sx0 = cx + u0 * cos - v * sin, sy0 = cy + u0 * sin + v * cos;
      for (int x = 0; x < w; x++) {
        double sx = sx0 + x * cos, sy = sy0 + x * sin;
        if (!(sx > -1 && sx < w && sy > -1 && sy < h))
          continue; // all four neighbours outside: stays 0
        int x0 = (int) (sx + 1) - 1, y0 = (int) (sy + 1) - 1; // floor, for values above −1
        float ax = (float) (sx - x0), ay = (float) (sy - y0);
        // Weights of the four neighbours; a neighbour outside the image contributes 0.
        float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
        boolean top = y0 >= 0, bottom = y0 + 1 < h, left = x0 >= 0, right = x0 + 1 < w;
        int o = y * w + x, s00 = off + y0 * w + x0;
        for (int ch = 0, base = 0; ch < c; ch++, base += plane) {
          int i = s00 + base;
          float s = 0;
          if (top && left) s += w00 * img[i];
          if (top && right) s += w01 * img[i + 1];
          if (bottom && left) s += w10 * img[i + w];
          if (bottom && right) s += w11 * img[i + w + 1];
          scratch[base + o] = s;
        }
      }
    }
    System.arraycopy(scratch, 0, img, off, c * plane);
  }
}
