package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.ops.Activations;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * The functions behind the layers, for use without a module: activations and dropout. Each is
 * written in differentiable tensor ops, so gradients come for free; the exact GELU is an op of its
 * own ({@code ops.Activations}), as are the layers' ops on raw arrays.
 */
public final class Functional {
  private Functional() {}

  public static Tensor relu(Tensor x) {
    return x.relu();
  }

  public static Tensor sigmoid(Tensor x) {
    return x.sigmoid();
  }

  public static Tensor tanh(Tensor x) {
    return x.tanh();
  }

  /** {@code x} where x > 0, else {@code slope·x}. */
  public static Tensor leakyRelu(Tensor x, float slope) {
    return Tensor.where(x.gt(0f), x, x.mul(slope));
  }

  /** {@code x} where x > 0, else {@code alpha·(eˣ − 1)} (Clevert et al. 2016). */
  public static Tensor elu(Tensor x, float alpha) {
    // exp of the clamped input: the unused branch must stay finite, or its zero gradient becomes
    // 0·inf.
    return Tensor.where(x.gt(0f), x, x.clamp(Float.NEGATIVE_INFINITY, 0f).exp().sub(1f).mul(alpha));
  }

  /** {@code x·σ(x)}, also called swish. */
  public static Tensor silu(Tensor x) {
    return x.mul(x.sigmoid());
  }

  /**
   * {@code (1/β)·log(1 + e^{βx})}, linear where {@code βx > threshold} (PyTorch's defaults β = 1,
   * threshold = 20); an op of its own, whose gradient is {@code σ(βx)} (see {@code
   * ops.Activations}).
   */
  public static Tensor softplus(Tensor x, float beta, float threshold) {
    return Activations.softplus(x, beta, threshold);
  }

  /** The hard threshold of the perceptron: 1 where x ≥ 0, else 0. Its gradient is zero. */
  public static Tensor heaviside(Tensor x) {
    return x.ge(0f);
  }

  /**
   * GELU, {@code x·Φ(x)} with Φ the standard normal CDF (Hendrycks & Gimpel 2016), PyTorch's exact
   * form; with {@code tanh} the approximation {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}.
   */
  public static Tensor gelu(Tensor x, boolean tanh) {
    if (tanh) {
      Tensor inner = x.add(x.pow(3f).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
      return x.mul(inner.tanh().add(1f)).mul(0.5f);
    }
    return Activations.gelu(x);
  }

  /**
   * Inverted dropout: in training, zeroes each element with probability {@code p} (the probability
   * to <em>drop</em>) and scales the rest by {@code 1/(1−p)}, so the expected value is unchanged;
   * otherwise returns {@code x}.
   */
  public static Tensor dropout(Tensor x, float p, boolean training, Rng rng) {
    if (!(p >= 0 && p < 1))
      throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
    if (!training || p == 0) return x;
    Tensor mask;
    try (var off = Grad.disabled()) {
      mask = Tensor.bernoulli(rng, 1 - p, x.shape()).mul(1f / (1 - p));
    }
    return x.mul(mask);
  }
}
