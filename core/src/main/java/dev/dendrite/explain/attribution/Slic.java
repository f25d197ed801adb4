package dev.dendrite.explain.attribution;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * SLIC superpixels (Achanta et al., 2012): k-means on (colour, position) started from a regular
 * grid of step S = √(H·W / K), each centre moved to the lowest gradient of its 3 × 3 neighbourhood
 * and searching only a 2S × 2S window; distance √(d_colour² + (d_xy / S)²·m²) with compactness m,
 * in the image's own units (no Lab conversion: the inputs here are normalised intensities, not
 * sRGB). A last pass makes every segment connected, merging pieces smaller than half the mean size
 * into a neighbour, as the original code does.
 */
public final class Slic {
  private Slic() {}

  /**
   * Segments an image (C, H, W), flat in {@code image}.
   *
   * @return a label per pixel (H·W), 0 .. count − 1
   */
  public static int[] segment(
      float[] image, int[] shape, int segments, double compactness, int iterations) {
    int c = shape[0], h = shape[1], w = shape[2], hw = h * w;
    if (c * hw != image.length)
      throw new IllegalArgumentException(
          "SLIC: shape " + Arrays.toString(shape) + " does not hold " + image.length + " values");
    if (segments < 1 || segments > hw)
      throw new IllegalArgumentException(
          "SLIC: segments must be in [1, " + hw + "], got " + segments);
    double step = Math.sqrt((double) hw / segments);
    int ny = Math.max(1, (int) Math.round(h / step)), nx = Math.max(1, (int) Math.round(w / step));
    int k = ny * nx;
    double[][] centre = new double[k][c + 2]; // colour..., y, x
    for (int gy = 0; gy < ny; gy++)
      for (int gx = 0; gx < nx; gx++) {
        int y = (int) ((gy + 0.5) * h / ny), x = (int) ((gx + 0.5) * w / nx);
        int[] p = lowestGradient(image, c, h, w, y, x);
        double[] ce = centre[gy * nx + gx];
        for (int ch = 0; ch < c; ch++) ce[ch] = image[ch * hw + p[0] * w + p[1]];
        ce[c] = p[0];
        ce[c + 1] = p[1];
      }
    int[] label = new int[hw];
    double[] dist = new double[hw];
    double s = Math.max(step, 1), m2 = compactness * compactness / (s * s);
    int reach = (int) Math.ceil(s);
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(dist, Double.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        double[] ce = centre[j];
        int cy = (int) Math.round(ce[c]), cx = (int) Math.round(ce[c + 1]);
        for (int y = Math.max(0, cy - reach); y <= Math.min(h - 1, cy + reach); y++)
          for (int x = Math.max(0, cx - reach); x <= Math.min(w - 1, cx + reach); x++) {
            double dc = 0;
            for (int ch = 0; ch < c; ch++) {
              double e = image[ch * hw + y * w + x] - ce[ch];
              dc += e * e;
            }
            double dy = y - ce[c], dx = x - ce[c + 1];
            double dd = dc + (dy * dy + dx * dx) * m2;
            if (dd < dist[y * w + x]) {
              dist[y * w + x] = dd;
              label[y * w + x] = j;
            }
          }
      }
      double[][] sum = new double[k][c + 3];
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
          double[] t = sum[label[y * w + x]];
          for (int ch = 0; ch < c; ch++) t[ch] += image[ch * hw + y * w + x];
          t[c] += y;
          t[c + 1] += x;
          t[c + 2]++;
        }
      for (int j = 0; j < k; j++)
        if (sum[j][c + 2] > 0)
          for (int q = 0; q < c + 2; q++) centre[j][q] = sum[j][q] / sum[j][c + 2];
    }
    return connected(label, h, w, Math.max(1, hw / k / 2));
  }

  private static int[] lowestGradient(float[] im, int c, int h, int w, int y0, int x0) {
    int[] best = {y0, x0};
    double low = Double.POSITIVE_INFINITY;
    for (int y = Math.max(1, y0 - 1); y <= Math.min(h - 2, y0 + 1); y++)
      for (int x = Math.max(1, x0 - 1); x <= Math.min(w - 2, x0 + 1); x++) {
        double g = 0;
        for (int ch = 0; ch < c; ch++) {
          int o = ch * h * w;
          double gx = im[o + y * w + x + 1] - im[o + y * w + x - 1];
          double gy = im[o + (y + 1) * w + x] - im[o + (y - 1) * w + x];
          g += gx * gx + gy * gy;
        }
        if (g < low) {
          low = g;
          best = new int[] {y, x};
        }
      }
    return best;
  }

  /** 4-connected pieces as labels; pieces smaller than {@code min} join an earlier neighbour. */
  private static int[] connected(int[] old, int h, int w, int min) {
    int[] out = new int[h * w];
    Arrays.fill(out, -1);
    int next = 0;
    int[] dy = {-1, 0, 1, 0}, dx = {0, -1, 0, 1};
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] piece = new int[h * w];
    for (int start = 0; start < h * w; start++) {
      if (out[start] >= 0) continue;
      int adjacent = -1;
      int sy = start / w, sx = start % w;
      for (int d = 0; d < 4; d++) {
        int y = sy + dy[d], x = sx + dx[d];
        if (y >= 0 && y < h && x >= 0 && x < w && out[y * w + x] >= 0) adjacent = out[y * w + x];
      }
      int size = 0;
      out[start] = next;
      queue.add(start);
      while (!queue.isEmpty()) {
        int p = queue.poll();
        piece[size++] = p;
        int py = p / w, px = p % w;
        for (int d = 0; d < 4; d++) {
          int y = py + dy[d], x = px + dx[d];
          if (y < 0 || y >= h || x < 0 || x >= w) continue;
          int q = y * w + x;
          if (out[q] < 0 && old[q] == old[start]) {
            out[q] = next;
            queue.add(q);
          }
        }
      }
      if (size < min && adjacent >= 0) for (int i = 0; i < size; i++) out[piece[i]] = adjacent;
      else next++;
    }
    return out;
  }

  /** The number of segments in a labelling. */
  public static int count(int[] labels) {
    return Arrays.stream(labels).max().orElse(-1) + 1;
  }
}
