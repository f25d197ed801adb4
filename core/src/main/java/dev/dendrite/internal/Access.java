package dev.dendrite.internal;

import dev.dendrite.tensor.Tensor;

/**
 * Raw storage access for the core's own packages (optimizers update parameters in place with
 * vectorised loops). This package is not exported, so users cannot reach it; {@link Tensor}
 * installs the implementation when it is initialised.
 */
public final class Access {
  /** What the core may do to a tensor's storage. */
  public interface TensorData {
    /** The backing array; the tensor's elements are {@code [offset, offset + numel)} when contiguous. */
    float[] array(Tensor t);

    int offset(Tensor t);

    /** The backing array of any tensor, views included, for a reader that follows {@code t.strides()} from {@link #offset}. */
    float[] storage(Tensor t);

    /** Records an in-place write (for backward's saved-tensor check). */
    void wrote(Tensor t);
  }

  private static volatile TensorData tensors;

  private Access() {}

  public static void install(TensorData impl) {
    tensors = impl;
  }

  public static TensorData tensors() {
    if (tensors == null) Tensor.scalar(0f); // initialises Tensor, which installs the accessor
    return tensors;
  }
}
