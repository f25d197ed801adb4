package dev.dendrite.nn;

import dev.dendrite.tensor.Tensor;

/**
 * Linear → ReLU of a Sequential as one op: bias and ReLU in one pass over the product while it is
 * in cache, with the same values and gradients as the two layers in turn. Built by {@link
 * Linear#fuse}; it uses the Linear's parameters and is not a child of anything.
 */
final class LinearReLU extends Module {
  private final Linear linear;

  LinearReLU(Linear linear) {
    this.linear = linear;
  }

  Linear linear() {
    return linear;
  }

  @Override
  public Tensor forward(Tensor x) {
    return linear.forwardRelu(x);
  }

  @Override
  public int[] outputShape(int[] in) {
    return linear.outputShape(in);
  }

  @Override
  public String toString() {
    return "LinearReLU(" + linear + ")";
  }
}
