package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;

/**
 * Gated recurrent unit (Cho et al. 2014), PyTorch's formulation and gate order r, z, n: {@code n =
 * tanh(W_in x + b_in + r⊙(W_hn h + b_hn))}, {@code h' = (1 − z)⊙n + z⊙h}. See {@link Recurrent} for
 * shapes.
 */
public final class GRU extends Recurrent {
  public GRU(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, 1, false, false, rng);
  }

  public GRU(
      int inputSize,
      int hiddenSize,
      int numLayers,
      boolean batchFirst,
      boolean bidirectional,
      Rng rng) {
    this(new Config(inputSize, hiddenSize, numLayers, batchFirst, bidirectional, 0f), rng);
  }

  public GRU(Config cfg, Rng rng) {
    super(CellKind.GRU, cfg, rng);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC = new SpecReader("GRU", (f, rng) -> new GRU(config(f), rng));
}
