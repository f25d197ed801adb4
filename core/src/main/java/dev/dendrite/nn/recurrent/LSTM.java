package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997), PyTorch's formulation and gate order i,
 * f, g, o: {@code c' = f⊙c + i⊙g}, {@code h' = o⊙tanh(c')}. See {@link Recurrent} for shapes.
 */
public final class LSTM extends Recurrent {
  public LSTM(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, 1, false, false, rng);
  }

  public LSTM(
      int inputSize,
      int hiddenSize,
      int numLayers,
      boolean batchFirst,
      boolean bidirectional,
      Rng rng) {
    this(new Config(inputSize, hiddenSize, numLayers, batchFirst, bidirectional, 0f), rng);
  }

  public LSTM(Config cfg, Rng rng) {
    super(CellKind.LSTM, cfg, rng);
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC =
      new SpecReader("LSTM", (f, rng) -> new LSTM(config(f), rng));
}
