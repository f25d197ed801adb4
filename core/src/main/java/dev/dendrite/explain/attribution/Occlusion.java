package dev.dendrite.explain.attribution;

/**
 * Occlusion (Zeiler and Fergus, 2014): slide a window over the image, fill it with a value, and
 * credit each covered pixel with the score's drop f(x) − f(x with the window filled), averaged over
 * the windows that cover it (as Captum does). All occluded copies go through the model as batches.
 * A flat input of D features is a 1 × 1 × D image.
 */
public final class Occlusion {
  private Occlusion() {}

  /**
   * @param shape the input's image shape (C, H, W), or null for a flat vector
   * @param window window height and width (all channels are covered)
   * @param stride step of the window, vertically and horizontally
   * @param fill the value put in the window
   */
  public static Attribution of(
      ScoreFunction f, float[] x, int[] shape, int[] window, int[] stride, float fill) {
    int[] s = shape == null ? new int[] {1, 1, x.length} : shape;
    int c = s[0], h = s[1], w = s[2];
    if (c * h * w != x.length)
      throw new IllegalArgumentException(
          "occlusion: shape "
              + java.util.Arrays.toString(s)
              + " holds "
              + c * h * w
              + " values, the input "
              + x.length);
    int wh = window[0], ww = window[1], sh = stride[0], sw = stride[1];
    if (wh < 1 || ww < 1 || wh > h || ww > w || sh < 1 || sw < 1)
      throw new IllegalArgumentException(
          "occlusion: window "
              + wh
              + "×"
              + ww
              + ", stride "
              + sh
              + "×"
              + sw
              + " on "
              + h
              + "×"
              + w);
    int ny = (h - wh) / sh + 1, nx = (w - ww) / sw + 1, n = ny * nx, d = x.length;
    float[] rows = new float[n * d];
    for (int p = 0; p < n; p++) {
      System.arraycopy(x, 0, rows, p * d, d);
      int y0 = (p / nx) * sh, x0 = (p % nx) * sw;
      for (int ch = 0; ch < c; ch++)
        for (int y = y0; y < y0 + wh; y++)
          for (int xx = x0; xx < x0 + ww; xx++) rows[p * d + (ch * h + y) * w + xx] = fill;
    }
    float[] sc = f.evaluate(rows, d);
    double fx = f.at(x);
    double[] sum = new double[h * w];
    int[] count = new int[h * w];
    for (int p = 0; p < n; p++) {
      int y0 = (p / nx) * sh, x0 = (p % nx) * sw;
      for (int y = y0; y < y0 + wh; y++)
        for (int xx = x0; xx < x0 + ww; xx++) {
          sum[y * w + xx] += fx - sc[p];
          count[y * w + xx]++;
        }
    }
    float[] attr = new float[d];
    for (int ch = 0; ch < c; ch++)
      for (int i = 0; i < h * w; i++)
        attr[ch * h * w + i] = count[i] == 0 ? 0 : (float) (sum[i] / count[i]);
    return new Attribution("occlusion", attr, fx);
  }
}
