package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * One Elman step, {@code h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)} (or ReLU), as {@code
 * nn.RNNCell}. See {@link RecurrentCell}.
 */
public final class RNNCell extends RecurrentCell {
  public RNNCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, false, rng);
  }

  public RNNCell(int inputSize, int hiddenSize, boolean bias, boolean relu, Rng rng) {
    super(relu ? CellKind.RNN_RELU : CellKind.RNN_TANH, inputSize, hiddenSize, bias, rng);
  }

  /** h' from input (N, I) and h (N, H), null for zeros. */
  public Tensor step(Tensor x, Tensor h) {
    return step(x, new State(h, null)).h();
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC =
      new SpecReader(
          "RNNCell",
          (f, rng) ->
              new RNNCell(
                  f.integer("inputSize"),
                  f.integer("hiddenSize"),
                  f.bool("bias", true),
                  Recurrent.reluNonlinearity(f),
                  rng));
}
