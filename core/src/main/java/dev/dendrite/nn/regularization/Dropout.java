package dev.dendrite.nn.regularization;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dropout (Srivastava et al. 2014), inverted: in training each element is zeroed with probability
 * {@code p} — the probability to <em>drop</em>, as in PyTorch and Keras — and the survivors are
 * scaled by {@code 1/(1−p)}; in evaluation mode it passes the input through. Shape: any, unchanged.
 */
public final class Dropout extends Module implements dev.dendrite.nn.RandomLayer {
  private final float p;
  private final Rng rng;

  @Override
  public Rng rng() {
    return rng;
  }

  public Dropout(float p, Rng rng) {
    if (!(p >= 0 && p < 1))
      throw new IllegalArgumentException(
          "Dropout: p (the probability to drop) must be in [0, 1), got " + p);
    this.p = p;
    this.rng = rng;
  }

  public float p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Functional.dropout(x, p, isTraining(), rng);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("Dropout", (f, rng) -> new Dropout((float) f.number("p", 0.5), rng.split()));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Dropout");
    m.put("p", (double) p);
    return m;
  }

  @Override
  public String toString() {
    return "Dropout(p=" + p + ")";
  }
}
