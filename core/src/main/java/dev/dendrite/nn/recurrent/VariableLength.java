package dev.dendrite.nn.recurrent;

import dev.dendrite.tensor.Tensor;

/**
 * A layer over a padded batch of sequences of different lengths: sequence b is real for its first
 * {@code lengths[b]} time steps (1 ≤ length ≤ T); the padding after them changes neither the
 * outputs, which are zero there, nor any gradient. Input (T, N, I), or (N, T, I) when {@link
 * #batchFirst()}.
 */
public interface VariableLength {
  /** The output sequence, zero at the padded steps. */
  Tensor forward(Tensor x, int[] lengths);

  /** Whether the batch dimension comes first, (N, T, ·), rather than time. */
  boolean batchFirst();
}
