package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;

/**
 * Conv2d → ReLU → MaxPool2d of a Sequential as one op that never stores the full-size feature maps,
 * with the same values and gradients as the three layers in turn. Built by {@link Conv2d#fuse}; it
 * uses the Conv2d's parameters and is not a child of anything.
 */
final class Conv2dReLUMaxPool2d extends Module {
  private final Conv2d conv;
  private final MaxPool2d pool;

  Conv2dReLUMaxPool2d(Conv2d conv, MaxPool2d pool) {
    this.conv = conv;
    this.pool = pool;
  }

  @Override
  public Tensor forward(Tensor x) {
    return conv.forwardReluMaxPool(x, pool);
  }

  @Override
  public int[] outputShape(int[] in) {
    return pool.outputShape(conv.outputShape(in));
  }

  @Override
  public String toString() {
    return "Conv2dReLUMaxPool2d(" + conv + ", " + pool + ")";
  }
}
