package dev.dendrite.nn.regularization;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alpha dropout (Klambauer et al. 2017), for SELU networks: dropped elements are set to SELU's
 * negative saturation −α' and the result is rescaled so that a zero-mean, unit-variance input keeps
 * its mean and variance. PyTorch's formula: with keep mask m ~ Bernoulli(1 − p), α' = 1.7580993408,
 * a = 1/√((α'²·p + 1)(1 − p)): {@code y = a·m·x + a·α'·(m − 1) + a·α'·p}. Identity in evaluation.
 */
public final class AlphaDropout extends Module implements dev.dendrite.nn.RandomLayer {
  private static final double ALPHA = 1.7580993408473766;
  private final float p;
  private final Rng rng;

  @Override
  public Rng rng() {
    return rng;
  }

  public AlphaDropout(float p, Rng rng) {
    if (!(p >= 0 && p < 1))
      throw new IllegalArgumentException("AlphaDropout: p must be in [0, 1), got " + p);
    this.p = p;
    this.rng = rng;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) return x;
    float a = (float) (1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p)));
    Tensor scale, shift;
    try (var off = Grad.disabled()) {
      Tensor m = Tensor.bernoulli(rng, 1 - p, x.shape());
      scale = m.mul(a);
      shift = m.sub(1f).mul((float) (ALPHA * a)).add((float) (ALPHA * a * p));
    }
    return x.mul(scale).add(shift);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "AlphaDropout", (f, rng) -> new AlphaDropout((float) f.number("p", 0.5), rng.split()));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "AlphaDropout");
    m.put("p", (double) p);
    return m;
  }

  @Override
  public String toString() {
    return "AlphaDropout(p=" + p + ")";
  }
}
