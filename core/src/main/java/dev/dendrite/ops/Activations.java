package dev.dendrite.ops;

import dev.dendrite.autograd.Grad;
import dev.dendrite.internal.Access;
import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/** Activations that are not a composition of tensor ops, each with its own backward. */
public final class Activations {
  private Activations() {}

  private static final Access.TensorData RAW = Access.tensors();
  private static final int GRAIN = 1 << 15;

  /**
   * Leaky ReLU, {@code x} where x > 0, else {@code slope·x}, in one Vector API pass each way (the
   * composition {@code where(x > 0, x, slope·x)} took three passes and a generic select, 8 % of a
   * DCGAN step). The same values and gradients, bit for bit, except that −0 now stays −0 (as in
   * PyTorch; the composition's {@code slope·x}, an fma with + 0, gave +0). The double backward is
   * the same rule in tensor ops, {@code where(x > 0, g, slope·g)}: linear in g, so a gradient
   * penalty through it is differentiable.
   */
  public static Tensor leakyRelu(Tensor x, float slope) {
    Tensor xs = x.detach().contiguous();
    float[] src = RAW.array(xs);
    int off = RAW.offset(xs), n = xs.numel();
    float[] y = new float[n];
    Parallel.forRange(
        n, GRAIN, (from, to) -> Elementwise.leakyRelu(y, from, src, off + from, to - from, slope));
    return Tensor.custom(
        "leaky_relu",
        Tensor.wrap(y, xs.shape()),
        new Tensor[] {x},
        new Tensor[] {xs},
        g -> {
          Tensor gc = g.contiguous();
          float[] gd = RAW.array(gc), dx = new float[n];
          int go = RAW.offset(gc);
          Parallel.forRange(
              n,
              GRAIN,
              (from, to) ->
                  Elementwise.leakyReluBackward(
                      dx, from, gd, go + from, src, off + from, to - from, slope));
          return new Tensor[] {Tensor.wrap(dx, xs.shape())};
        },
        g -> new Tensor[] {Tensor.where(xs.gt(0f), g, g.mul(slope))});
  }

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
