package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * One GRU step, gate order r, z, n as {@code nn.GRUCell}: {@code n = tanh(W_in x + b_in + r⊙(W_hn h
 * + b_hn))}, {@code h' = (1 − z)⊙n + z⊙h}. See {@link RecurrentCell}.
 */
public final class GRUCell extends RecurrentCell {
  public GRUCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  public GRUCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
    super(CellKind.GRU, inputSize, hiddenSize, bias, rng);
  }

  /** h' from input (N, I) and h (N, H), null for zeros. */
  public Tensor step(Tensor x, Tensor h) {
    return step(x, new State(h, null)).h();
  }

  /** Rebuilds this layer from its spec. */
  public static final SpecReader SPEC =
      new SpecReader(
          "GRUCell",
          (f, rng) ->
              new GRUCell(
                  f.integer("inputSize"), f.integer("hiddenSize"), f.bool("bias", true), rng));
}
