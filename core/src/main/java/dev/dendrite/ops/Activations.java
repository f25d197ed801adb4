package dev.dendrite.ops;

import dev.dendrite.tensor.Tensor;

/** Activations that are not a composition of tensor ops, each with its own backward. */
public final class Activations {
  private Activations() {}

  /** Exact GELU, {@code x·Φ(x)} with Φ the standard normal CDF, as PyTorch's default. */
  public static Tensor gelu(Tensor x) {
    float[] v = x.toArray();
    float[] y = new float[v.length];
    for (int i = 0; i < v.length; i++) y[i] = (float) (v[i] * phi(v[i]));
    Tensor out = Tensor.of(y, x.shape());
    Tensor xs = x.detach();
    return Tensor.custom("gelu", out, new Tensor[] {x}, new Tensor[] {xs}, g -> {
      float[] d = new float[v.length];
      for (int i = 0; i < v.length; i++) d[i] = (float) (phi(v[i]) + v[i] * Math.exp(-0.5 * v[i] * v[i]) / Math.sqrt(2 * Math.PI));
      return new Tensor[] {g.mul(Tensor.of(d, xs.shape()))};
    });
  }

  /** Φ(x) = ½(1 + erf(x/√2)). */
  static double phi(double x) {
    return 0.5 * (1 + erf(x / Math.sqrt(2)));
  }

  /**
   * erf(x) = 1 − erfc(x), erfc by the Chebyshev fit of Numerical Recipes (§6.2): fractional error
   * below 1.2·10⁻⁷ everywhere, below float32's resolution.
   */
  static double erf(double x) {
    double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? 1 - erfc : erfc - 1;
  }
}
