package dev.dendrite.nn.norm;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;

/**
 * BatchNorm2d → ReLU of a Sequential as one op: the ReLU runs on each plane while it is in cache,
 * with the same values, gradients and running statistics as the two layers in turn. Built by {@link
 * BatchNorm2d#fuse}; it uses the BatchNorm2d's parameters and buffers, follows its training or
 * evaluation mode, and is not a child of anything.
 */
final class BatchNorm2dReLU extends Module {
  private final BatchNorm2d bn;

  BatchNorm2dReLU(BatchNorm2d bn) {
    this.bn = bn;
  }

  @Override
  public Tensor forward(Tensor x) {
    return bn.forwardRelu(x);
  }

  @Override
  public int[] outputShape(int[] in) {
    return bn.outputShape(in);
  }

  @Override
  public String toString() {
    return "BatchNorm2dReLU(" + bn + ")";
  }
}
