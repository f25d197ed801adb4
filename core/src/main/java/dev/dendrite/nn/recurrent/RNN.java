package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;

/**
 * The plain (Elman) recurrent layer, {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)} (or ReLU).
 * See {@link Recurrent}.
 */
public final class RNN extends Recurrent {
  public RNN(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, 1, false, false, false, rng);
  }

  public RNN(
      int inputSize,
      int hiddenSize,
      int numLayers,
      boolean batchFirst,
      boolean bidirectional,
      boolean relu,
      Rng rng) {
    this(new Config(inputSize, hiddenSize, numLayers, batchFirst, bidirectional, 0f), relu, rng);
  }

  public RNN(Config cfg, boolean relu, Rng rng) {
    super(relu ? CellKind.RNN_RELU : CellKind.RNN_TANH, cfg, rng);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC =
      new SpecReader("RNN", (f, rng) -> new RNN(config(f), reluNonlinearity(f), rng));
}
