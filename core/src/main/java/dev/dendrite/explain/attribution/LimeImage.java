package dev.dendrite.explain.attribution;

import dev.dendrite.tensor.Rng;

/**
 * LIME for images, as the reference {@code lime} package's {@code LimeImageExplainer}: the
 * interpretable features are superpixels; each sample switches a random half of them off (filled
 * with the superpixel's own mean colour, lime's {@code hide_color=None}, or a given value), the
 * kernel is √exp(−d²/0.25²) of the cosine distance to the all-on vector, and the surrogate is a
 * weighted ridge (alpha 1) on the binary on/off features. All samples go through the model as
 * batches.
 */
public final class LimeImage {
  /** lime_image's kernel width. */
  public static final double KERNEL_WIDTH = 0.25;

  private LimeImage() {}

  /**
   * @param shape the image shape (C, H, W) of {@code x}
   * @param segments a superpixel label per pixel (H·W), e.g. from {@link Slic}
   * @param samples perturbed images (lime's default 1000)
   * @param k features of the surrogate (lime's default: all superpixels)
   * @param hide the fill value, or NaN for each superpixel's mean
   */
  public static LimeExplanation explain(
      ScoreFunction f,
      float[] x,
      int[] shape,
      int[] segments,
      int samples,
      int k,
      float hide,
      long seed) {
    int c = shape[0], hw = shape[1] * shape[2], d = x.length, s = Slic.count(segments);
    if (segments.length != hw)
      throw new IllegalArgumentException(
          "LIME: " + segments.length + " segment labels for " + hw + " pixels");
    if (samples < 2) throw new IllegalArgumentException("LIME: samples must be >= 2");
    float[] fudged = new float[d];
    double[][] segMean = new double[s][c];
    int[] size = new int[s];
    for (int i = 0; i < hw; i++) size[segments[i]]++;
    for (int ch = 0; ch < c; ch++)
      for (int i = 0; i < hw; i++) segMean[segments[i]][ch] += x[ch * hw + i] / size[segments[i]];
    for (int ch = 0; ch < c; ch++)
      for (int i = 0; i < hw; i++)
        fudged[ch * hw + i] = Float.isNaN(hide) ? (float) segMean[segments[i]][ch] : hide;
    Rng rng = new Rng(seed);
    double[][] data = new double[samples][s];
    float[] rows = new float[samples * d];
    double[] w = new double[samples];
    for (int n = 0; n < samples; n++) {
      int on = 0;
      for (int j = 0; j < s; j++) {
        data[n][j] = n == 0 || rng.nextInt(2) == 1 ? 1 : 0;
        on += (int) data[n][j];
      }
      for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < hw; i++) {
          int p = ch * hw + i;
          rows[n * d + p] = data[n][segments[i]] == 1 ? x[p] : fudged[p];
        }
      double cos = on == 0 ? 1 : 1 - Math.sqrt((double) on / s);
      w[n] = Math.sqrt(Math.exp(-cos * cos / (KERNEL_WIDTH * KERNEL_WIDTH)));
    }
    float[] sc = f.evaluate(rows, d);
    double[] y = new double[samples];
    for (int n = 0; n < samples; n++) y[n] = sc[n];
    LimeExplanation e = Surrogate.fit(data, y, w, k, y[0]);
    String[] names = new String[e.features().length];
    for (int i = 0; i < names.length; i++) names[i] = "superpixel " + e.features()[i];
    return new LimeExplanation(
        e.features(), e.weights(), e.intercept(), e.score(), e.localPrediction(), y[0], names);
  }

  /** Spreads the surrogate's weights over the pixels (every channel) of their superpixels. */
  public static Attribution toAttribution(LimeExplanation e, int[] segments, int channels) {
    int hw = segments.length;
    double[] bySegment = new double[Slic.count(segments)];
    for (int i = 0; i < e.features().length; i++) bySegment[e.features()[i]] = e.weights()[i];
    float[] v = new float[channels * hw];
    for (int ch = 0; ch < channels; ch++)
      for (int i = 0; i < hw; i++) v[ch * hw + i] = (float) bySegment[segments[i]];
    return new Attribution("lime", v, e.modelScore());
  }
}
