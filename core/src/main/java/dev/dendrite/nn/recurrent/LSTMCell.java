package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * One LSTM step, gate order i, f, g, o as {@code nn.LSTMCell}: {@code c' = f⊙c + i⊙g}, {@code h' =
 * o⊙tanh(c')}, the gates and state update in one fused op. See {@link RecurrentCell}.
 */
public final class LSTMCell extends RecurrentCell {
  public LSTMCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  public LSTMCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
    super(CellKind.LSTM, inputSize, hiddenSize, bias, rng);
  }

  /** (h', c') from input (N, I) and the state (N, H) each, null for zeros. */
  public State step(Tensor x, Tensor h, Tensor c) {
    return step(x, new State(h, c));
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC =
      new SpecReader(
          "LSTMCell",
          (f, rng) ->
              new LSTMCell(
                  f.integer("inputSize"), f.integer("hiddenSize"), f.bool("bias", true), rng));
}
