package dev.dendrite.nn.regularization;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Channel dropout (Tompson et al. 2015), PyTorch's Dropout2d: in training each whole channel of
 * each sample is zeroed with probability {@code p} (the probability to <em>drop</em>) and the kept
 * ones are scaled by {@code 1/(1−p)}; in evaluation mode the input passes through. Neighbouring
 * pixels of a feature map are strongly correlated, so dropping single pixels barely regularises a
 * conv net.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H, W); the mask is (N, C, 1, 1).
 */
public final class Dropout2d extends Module implements dev.dendrite.nn.RandomLayer {
  private final float p;
  private final Rng rng;

  @Override
  public Rng rng() {
    return rng;
  }

  public Dropout2d(float p, Rng rng) {
    if (!(p >= 0 && p < 1))
      throw new IllegalArgumentException(
          "Dropout2d: p (the probability to drop) must be in [0, 1), got " + p);
    this.p = p;
    this.rng = rng;
  }

  public float p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    if (!isTraining() || p == 0) return x;
    Tensor mask;
    try (var off = Grad.disabled()) {
      mask = Tensor.bernoulli(rng, 1 - p, x.size(0), x.size(1), 1, 1).mul(1f / (1 - p));
    }
    return x.mul(mask); // broadcast over H, W: one draw per channel
  }

  @Override
  public int[] outputShape(int[] in) {
    if (in.length != 4)
      throw new IllegalArgumentException(this + " needs (N, C, H, W), got " + Shape.str(in));
    return in.clone();
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Dropout2d", (f, rng) -> new Dropout2d((float) f.number("p", 0.5), rng.split()));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Dropout2d");
    m.put("p", (double) p);
    return m;
  }

  @Override
  public String toString() {
    return "Dropout2d(p=" + p + ")";
  }
}
