package dev.dendrite.nn.activation;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.Activations;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leaky ReLU: {@code x} where x > 0, else {@code slope·x}. The course notes use slope 0.1, which is
 * this class's default; PyTorch's default is 0.01, so say {@code new LeakyReLU(0.01f)} to match it.
 * Shape: any, unchanged.
 */
public final class LeakyReLU extends Module {
  private final float slope;

  /** With the defaults: slope = 0.1. */
  public LeakyReLU() {
    this(0.1f);
  }

  public LeakyReLU(float slope) {
    this.slope = slope;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Activations.leakyRelu(x, slope);
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader("LeakyReLU", (f, rng) -> new LeakyReLU((float) f.number("slope", 0.1)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "LeakyReLU");
    m.put("slope", slope);
    return m;
  }

  @Override
  public String toString() {
    return "LeakyReLU(slope=" + slope + ")";
  }
}
