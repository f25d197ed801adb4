package dev.dendrite.rl.agent.deep;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * Orthogonal initialisation (Saxe et al. 2014) as {@code torch.nn.init.orthogonal_}: the Q factor
 * of a Gaussian matrix, signs fixed by R's diagonal so that the result is uniformly distributed,
 * scaled by {@code gain}. Stable-Baselines3's actor-critic policies start this way.
 */
final class Orthogonal {
  private Orthogonal() {}

  /** Overwrites the (rows, cols) matrix {@code w} in place. */
  static void init(Tensor w, double gain, Rng rng) {
    int rows = w.size(0), cols = w.size(1);
    boolean tall = rows >= cols;
    int m = tall ? rows : cols, k = tall ? cols : rows; // orthonormalise k columns of length m
    double[][] q = new double[k][m];
    for (int j = 0; j < k; j++) for (int i = 0; i < m; i++) q[j][i] = rng.nextGaussian();
    for (int j = 0; j < k; j++) {
      // Modified Gram-Schmidt; r_jj's sign is kept by normalising with the signed norm's sign +.
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < m; i++) dot += q[p][i] * q[j][i];
        for (int i = 0; i < m; i++) q[j][i] -= dot * q[p][i];
      }
      double norm = 0;
      for (int i = 0; i < m; i++) norm += q[j][i] * q[j][i];
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) q[j][i] /= norm;
    }
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < cols; c++)
        out[r * cols + c] = (float) (gain * (tall ? q[c][r] : q[r][c]));
    try (var off = Grad.disabled()) {
      w.copyFrom(Tensor.of(out, rows, cols));
    }
  }
}
