package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;

/**
 * A layer whose forward can run with a computed tensor in place of its {@code weight} parameter, so
 * that a wrapper such as {@link SpectralNorm} can reparametrise the weight (where PyTorch's weight
 * hooks overwrite the module's {@code weight} attribute before each call).
 */
public interface WeightedLayer {
  /** The weight parameter. */
  Parameter weight();

  /** The layer's output for {@code x} with {@code weight} (of {@link #weight()}'s shape) used. */
  Tensor forward(Tensor x, Tensor weight);

  /**
   * The dimension of the weight that indexes output channels: 0, or 1 for a transposed convolution
   * (weight (C_in, C_out/groups, kH, kW)). Spectral normalisation uses it by default.
   */
  default int outputDim() {
    return 0;
  }
}
