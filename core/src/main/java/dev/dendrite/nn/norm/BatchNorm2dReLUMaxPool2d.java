package dev.dendrite.nn.norm;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.tensor.Tensor;

/**
 * BatchNorm2d → ReLU → MaxPool2d of a Sequential as one op that never stores the normalised or
 * rectified maps, with the same values, gradients and running statistics as the three layers in
 * turn. Built by {@link BatchNorm2d#fuse}; it uses the BatchNorm2d's parameters and buffers,
 * follows its training or evaluation mode, and is not a child of anything.
 */
final class BatchNorm2dReLUMaxPool2d extends Module {
  private final BatchNorm2d bn;
  private final MaxPool2d pool;

  BatchNorm2dReLUMaxPool2d(BatchNorm2d bn, MaxPool2d pool) {
    this.bn = bn;
    this.pool = pool;
  }

  @Override
  public Tensor forward(Tensor x) {
    return bn.forwardReluMaxPool(x, pool);
  }

  @Override
  public int[] outputShape(int[] in) {
    return pool.outputShape(bn.outputShape(in));
  }

  @Override
  public String toString() {
    return "BatchNorm2dReLUMaxPool2d(" + bn + ", " + pool + ")";
  }
}
