package dev.dendrite.nn.regularization;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Noise injection: adds N(0, std²) to every element in training; passes the input through in
 * evaluation. Shape: any.
 */
public final class GaussianNoise extends Module implements dev.dendrite.nn.RandomLayer {
  private final float std;
  private final Rng rng;

  @Override
  public Rng rng() {
    return rng;
  }

  public GaussianNoise(float std, Rng rng) {
    if (!(std >= 0))
      throw new IllegalArgumentException("GaussianNoise: std must be >= 0, got " + std);
    this.std = std;
    this.rng = rng;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || std == 0) return x;
    Tensor noise;
    try (var off = Grad.disabled()) {
      noise = Tensor.randn(rng, x.shape()).mul(std);
    }
    return x.add(noise);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "GaussianNoise",
          (f, rng) -> new GaussianNoise((float) f.number("std", 0.1), rng.split()));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "GaussianNoise");
    m.put("std", (double) std);
    return m;
  }

  @Override
  public String toString() {
    return "GaussianNoise(std=" + std + ")";
  }
}
