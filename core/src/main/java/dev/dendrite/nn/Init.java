package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Locale;

/**
 * Weight initialisation, in place, PyTorch's formulas ({@code torch.nn.init}). Fans: for a weight
 * of shape (out, in, k...) fan_in = in·Πk and fan_out = out·Πk.
 */
public final class Init {
  private Init() {}

  /** Fan-in and fan-out of a weight tensor. */
  public static int[] fans(Tensor t) {
    int[] s = t.shape();
    if (s.length < 2)
      throw new IllegalArgumentException(
          "init: fans need a tensor of at least 2 dimensions, got " + Shape.str(s));
    int receptive = 1;
    for (int i = 2; i < s.length; i++) receptive *= s[i];
    return new int[] {s[1] * receptive, s[0] * receptive};
  }

  /**
   * The recommended gain for a nonlinearity: 1 for linear, conv and sigmoid; 5/3 for tanh; √2 for
   * relu; √(2/(1 + slope²)) for leaky_relu (slope defaults to 0.01); 3/4 for selu.
   */
  public static double gain(String nonlinearity, double param) {
    return switch (nonlinearity.toLowerCase(Locale.ROOT)) {
      case "linear", "identity", "conv1d", "conv2d", "conv3d", "sigmoid" -> 1.0;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2.0);
      case "leaky_relu" ->
          Math.sqrt(
              2.0
                  / (1
                      + (Double.isNaN(param) ? 0.01 : param)
                          * (Double.isNaN(param) ? 0.01 : param)));
      case "selu" -> 0.75;
      default -> throw new IllegalArgumentException("init: unknown nonlinearity " + nonlinearity);
    };
  }

  private static Tensor set(Tensor t, Tensor values) {
    try (var off = Grad.disabled()) {
      return t.copyFrom(values);
    }
  }

  /** Glorot & Bengio (2010): U(−b, b), b = gain·√(6/(fan_in + fan_out)). */
  public static Tensor xavierUniform(Tensor t, double gain, Rng rng) {
    int[] f = fans(t);
    float b = (float) (gain * Math.sqrt(6.0 / (f[0] + f[1])));
    return set(t, Tensor.uniform(rng, -b, b, t.shape()));
  }

  /** Glorot & Bengio (2010): N(0, σ²), σ = gain·√(2/(fan_in + fan_out)). */
  public static Tensor xavierNormal(Tensor t, double gain, Rng rng) {
    int[] f = fans(t);
    return set(
        t, Tensor.randn(rng, t.shape()).mul((float) (gain * Math.sqrt(2.0 / (f[0] + f[1])))));
  }

  /**
   * He et al. (2015): U(−b, b), b = gain·√(3/fan), gain from {@link #gain} with parameter {@code
   * a}.
   */
  public static Tensor kaimingUniform(
      Tensor t, double a, boolean fanIn, String nonlinearity, Rng rng) {
    int[] f = fans(t);
    float b = (float) (gain(nonlinearity, a) * Math.sqrt(3.0 / (fanIn ? f[0] : f[1])));
    return set(t, Tensor.uniform(rng, -b, b, t.shape()));
  }

  /** He et al. (2015): N(0, σ²), σ = gain/√fan. */
  public static Tensor kaimingNormal(
      Tensor t, double a, boolean fanIn, String nonlinearity, Rng rng) {
    int[] f = fans(t);
    return set(
        t,
        Tensor.randn(rng, t.shape())
            .mul((float) (gain(nonlinearity, a) / Math.sqrt(fanIn ? f[0] : f[1]))));
  }

  /** LeCun (1998): U(−b, b), b = √(3/fan_in). */
  public static Tensor lecunUniform(Tensor t, Rng rng) {
    float b = (float) Math.sqrt(3.0 / fans(t)[0]);
    return set(t, Tensor.uniform(rng, -b, b, t.shape()));
  }

  /** LeCun (1998): N(0, 1/fan_in). */
  public static Tensor lecunNormal(Tensor t, Rng rng) {
    return set(t, Tensor.randn(rng, t.shape()).mul((float) Math.sqrt(1.0 / fans(t)[0])));
  }

  public static Tensor zeros(Tensor t) {
    return constant(t, 0);
  }

  public static Tensor constant(Tensor t, double value) {
    try (var off = Grad.disabled()) {
      return t.fill((float) value);
    }
  }
}
