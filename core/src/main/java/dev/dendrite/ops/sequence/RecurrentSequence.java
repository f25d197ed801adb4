package dev.dendrite.ops.sequence;

import dev.dendrite.tensor.Tensor;

/**
 * How one direction of one recurrent layer runs over a whole batch of sequences, padded or not: one
 * strategy per cell kind, chosen once per layer ({@link #of}), each a fused op ({@link
 * LSTMSequence}, {@link GRUSequence}, {@link RNNSequence}). {@link StepSequence} runs any kind step
 * by step as ordinary tensor ops: the reference the fused ops are tested against.
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0}, {@code c0} (N, H), {@code c0} null but for an LSTM;
 * W_ih (G·H, I), W_hh (G·H, H), b_ih and b_hh (G·H), G the kind's gate count. Results: the output
 * h_t of every step (T, N, H), in time order also for the reverse direction, and the final states h
 * and (LSTM) c (N, H).
 *
 * <p>Padded batches, as PyTorch's packed sequences: sequence b is real at time steps {@code k <
 * lengths[b]} (each in [1, T]). Past its length a sequence's state stays that of its last real
 * step, its output is exactly zero and no gradient reaches the padding, whatever values (inf, NaN)
 * it holds. The reverse direction reads each sequence backwards from its own last real step. {@code
 * lengths} null means every sequence is T steps long.
 */
public sealed interface RecurrentSequence
    permits LSTMSequence, GRUSequence, RNNSequence, StepSequence {
  /** Output (T, N, H) and final states h (N, H) and, for an LSTM, c (N, H), else null. */
  record Result(Tensor output, Tensor h, Tensor c) {}

  /** The strategy of a cell kind. */
  static RecurrentSequence of(CellKind kind) {
    return switch (kind) {
      case LSTM -> new LSTMSequence();
      case GRU -> new GRUSequence();
      case RNN_TANH -> new RNNSequence(false);
      case RNN_RELU -> new RNNSequence(true);
    };
  }

  /** Runs one direction ({@code reverse}: from each sequence's last real step to its first). */
  Result run(
      Tensor x,
      Tensor h0,
      Tensor c0,
      Tensor wih,
      Tensor whh,
      Tensor bih,
      Tensor bhh,
      int[] lengths,
      boolean reverse);
}
