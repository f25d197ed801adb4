package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;

/**
 * Conv2d → ReLU of a Sequential as one op: the ReLU runs on each image's output while it is in
 * cache, with the same values and gradients as the two layers in turn. Built by {@link
 * Conv2d#fuse}; it uses the Conv2d's parameters and is not a child of anything.
 */
final class Conv2dReLU extends Module {
  private final Conv2d conv;

  Conv2dReLU(Conv2d conv) {
    this.conv = conv;
  }

  @Override
  public Tensor forward(Tensor x) {
    return conv.forwardRelu(x);
  }

  @Override
  public int[] outputShape(int[] in) {
    return conv.outputShape(in);
  }

  @Override
  public String toString() {
    return "Conv2dReLU(" + conv + ")";
  }
}
