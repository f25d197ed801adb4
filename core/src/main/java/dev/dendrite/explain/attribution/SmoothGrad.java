package dev.dendrite.explain.attribution;

import dev.dendrite.tensor.Rng;

/**
 * SmoothGrad (Smilkov et al., 2017): the gradient averaged over n copies of the input with Gaussian
 * noise of standard deviation σ = noise·(max x − min x), shown as its magnitude. The paper's
 * defaults are noise 0.15 and n = 50; all copies go through the model as batches.
 */
public final class SmoothGrad {
  /** The paper's noise level, as a fraction of the input's range. */
  public static final double NOISE = 0.15;

  private SmoothGrad() {}

  /** The mean gradient over {@code samples} noisy copies (signed). */
  public static float[] meanGradient(
      ScoreFunction f, float[] x, int samples, double noise, long seed) {
    if (samples < 1) throw new IllegalArgumentException("SmoothGrad: samples must be >= 1");
    if (!(noise >= 0)) throw new IllegalArgumentException("SmoothGrad: noise must be >= 0");
    int d = x.length;
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double sigma = noise * (hi - lo);
    Rng rng = new Rng(seed);
    float[] rows = new float[samples * d];
    for (int s = 0; s < samples; s++)
      for (int i = 0; i < d; i++) rows[s * d + i] = (float) (x[i] + sigma * rng.nextGaussian());
    float[] g = f.gradients(rows, d);
    float[] mean = new float[d];
    for (int s = 0; s < samples; s++) for (int i = 0; i < d; i++) mean[i] += g[s * d + i];
    for (int i = 0; i < d; i++) mean[i] /= samples;
    return mean;
  }

  /** |mean gradient|, the map the paper shows. */
  public static Attribution of(ScoreFunction f, float[] x, int samples, double noise, long seed) {
    float[] g = meanGradient(f, x, samples, noise, seed);
    for (int i = 0; i < g.length; i++) g[i] = Math.abs(g[i]);
    return new Attribution("smoothgrad", g, f.at(x));
  }
}
