package dev.dendrite.cli;

import java.awt.image.BufferedImage;

/**
 * An attribution as a picture: the image, the per-pixel attribution on a diverging scale (blue
 * against the class, white none, red for it; symmetric about 0 so the colours keep their sign), and
 * the image in gray with the attribution laid over it.
 */
final class AttributionPicture {
  private AttributionPicture() {}

  static BufferedImage render(float[] image, int[] shape, float[] perPixel, String title) {
    int c = shape[0], h = shape[1], w = shape[2], hw = h * w;
    int scale = Math.max(1, 168 / Math.max(h, w));
    double max = 0;
    for (float v : perPixel) max = Math.max(max, Math.abs(v));
    float[] gray = new float[hw];
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float v : image) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (int ch = 0; ch < c; ch++)
      for (int i = 0; i < hw; i++)
        gray[i] += (image[ch * hw + i] - lo) / (hi > lo ? hi - lo : 1) / c;
    int[] pic = new int[hw], map = new int[hw], over = new int[hw];
    for (int i = 0; i < hw; i++) {
      if (c == 3) {
        for (int ch = 0; ch < 3; ch++)
          pic[i] = pic[i] << 8 | Png.level((image[ch * hw + i] - lo) / (hi > lo ? hi - lo : 1));
      } else pic[i] = Png.gray(gray[i]);
      double a = max == 0 ? 0 : perPixel[i] / max;
      map[i] = diverging(0.5 + a / 2);
      // the image dimmed to half, then the attribution's colour in proportion to its size
      int base = Png.level(0.5 * gray[i]), col = diverging(a > 0 ? 1 : 0);
      double t = Math.abs(a);
      int r = mix(base, col >> 16 & 255, t), g = mix(base, col >> 8 & 255, t);
      int b = mix(base, col & 255, t);
      over[i] = r << 16 | g << 8 | b;
    }
    Png.Grid grid = new Png.Grid(3, w * scale, h * scale, Png.Grid.LEGEND);
    BufferedImage img = grid.canvas(title);
    Png.horizontalScale(
        img,
        grid,
        AttributionPicture::diverging,
        new String[] {Png.tick(-max), "0", Png.tick(max)},
        "attribution (tiles: image, attribution, overlay)");
    int[][] tiles = {pic, map, over};
    for (int k = 0; k < 3; k++) Png.tile(img, grid.x(k), grid.y(k), tiles[k], h, w, scale);
    return img;
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  /** Blue (0) through white (0.5) to red (1). */
  static int diverging(double v) {
    double t = Math.max(0, Math.min(1, v));
    int r, g, b;
    if (t < 0.5) {
      double u = t / 0.5;
      r = (int) Math.round(40 + 215 * u);
      g = (int) Math.round(90 + 165 * u);
      b = 255;
    } else {
      double u = (t - 0.5) / 0.5;
      r = 255;
      g = (int) Math.round(255 - 205 * u);
      b = (int) Math.round(255 - 215 * u);
    }
    return r << 16 | g << 8 | b;
  }
}
