package dev.dendrite.ops;

import dev.dendrite.autograd.Grad;
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
    return Tensor.custom(
        "gelu",
        out,
        new Tensor[] {x},
        new Tensor[] {xs},
        g -> {
          float[] d = new float[v.length];
          for (int i = 0; i < v.length; i++)
            d[i] =
                (float) (phi(v[i]) + v[i] * Math.exp(-0.5 * v[i] * v[i]) / Math.sqrt(2 * Math.PI));
          return new Tensor[] {g.mul(Tensor.of(d, xs.shape()))};
        });
  }

  /**
   * Softplus, {@code (1/β)·log(1 + e^{βx})}, and {@code x} where {@code βx > threshold}. The value
   * is computed as {@code max(z, 0) + log(1 + e^{−|z|})} (z = βx) so that nothing overflows, but
   * the gradient is {@code σ(z)} itself: differentiating the stable form would inherit the kinks of
   * max and |·| and give 0 instead of ½ at x = 0. Twice differentiable.
   */
  public static Tensor softplus(Tensor x, float beta, float threshold) {
    Tensor xs = x.detach();
    Tensor out;
    try (var off = Grad.disabled()) {
      Tensor z = xs.mul(beta);
      Tensor soft = z.relu().add(z.abs().neg().exp().add(1f).log()).div(beta);
      out = Tensor.where(z.gt(threshold), xs, soft);
    }
    return Tensor.custom(
        "softplus",
        out,
        new Tensor[] {x},
        new Tensor[] {xs},
        g -> new Tensor[] {g.mul(softplusSlope(xs, beta, threshold))},
        g -> new Tensor[] {g.mul(softplusSlope(x, beta, threshold))});
  }

  /** d softplus / dx: σ(βx), and 1 past the threshold; in tensor ops, so it can be recorded. */
  private static Tensor softplusSlope(Tensor x, float beta, float threshold) {
    Tensor z = x.mul(beta);
    return Tensor.where(z.gt(threshold), Tensor.onesLike(z), z.sigmoid());
  }

  /** Φ(x) = ½(1 + erf(x/√2)). */
  static double phi(double x) {
    return 0.5 * (1 + erf(x / Math.sqrt(2)));
  }

  /** The coefficients of erfc's fit below, constant term first. */
  private static final double[] ERFC = {
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277
  };

  /**
   * erf(x) = 1 − erfc(x), erfc by the Chebyshev fit of Numerical Recipes (§6.2): fractional error
   * below 1.2·10⁻⁷ everywhere, below float32's resolution.
   */
  static double erf(double x) {
    double z = Math.abs(x), t = 1 / (1 + 0.5 * z);
    double p = ERFC[ERFC.length - 1]; // Horner's rule from the innermost term, as the book nests it
    for (int i = ERFC.length - 2; i >= 0; i--) p = ERFC[i] + t * p;
    double erfc = t * Math.exp(-z * z - 1.26551223 + t * p);
    return x >= 0 ? 1 - erfc : erfc - 1;
  }
}
