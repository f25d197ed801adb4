package dev.dendrite.data.augment;

/**
 * Bilinear resampling of an image under a rotation about its centre followed by a translation,
 * with zeros outside the source (PyTorch's {@code grid_sample(mode='bilinear', padding_mode='zeros')}).
 *
 * <p>With centre (cx, cy) = ((W − 1)/2, (H − 1)/2) and u = x − cx − tx, v = y − cy − ty, the
 * output pixel (x, y) reads the source at (cx + u·cos θ − v·sin θ, cy + u·sin θ + v·cos θ): the
 * picture turns counter-clockwise by θ as displayed (rows run downwards) and moves right by tx,
 * down by ty. A whole-pixel translation reads exact source pixels.
 */
final class Warp {
  private Warp() {}

  static void apply(float[] img, int off, int c, int h, int w, float[] scratch, double theta, double tx, double ty) {
    double cos = Math.cos(theta), sin = Math.sin(theta), cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    int plane = h * w;
    for (int y = 0; y < h; y++) {
      double v = y - cy - ty;
      for (int x = 0; x < w; x++) {
        double u = x - cx - tx;
        double sx = cx + u * cos - v * sin, sy = cy + u * sin + v * cos;
        double fx0 = Math.floor(sx), fy0 = Math.floor(sy);
        int x0 = (int) fx0, y0 = (int) fy0;
        float ax = (float) (sx - fx0), ay = (float) (sy - fy0);
        // Weights of the four neighbours; a neighbour outside the image contributes 0.
        float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
        boolean in0 = y0 >= 0 && y0 < h, in1 = y0 + 1 >= 0 && y0 + 1 < h, l = x0 >= 0 && x0 < w, r = x0 + 1 >= 0 && x0 + 1 < w;
        int o = y * w + x;
        for (int ch = 0; ch < c; ch++) {
          int base = off + ch * plane;
          float s = 0;
          if (in0 && l) s += w00 * img[base + y0 * w + x0];
          if (in0 && r) s += w01 * img[base + y0 * w + x0 + 1];
          if (in1 && l) s += w10 * img[base + (y0 + 1) * w + x0];
          if (in1 && r) s += w11 * img[base + (y0 + 1) * w + x0 + 1];
          scratch[ch * plane + o] = s;
        }
      }
    }
    System.arraycopy(scratch, 0, img, off, c * plane);
  }
}
