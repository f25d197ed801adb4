package dev.dendrite.tensor;

/**
 * The flat float32 buffer behind one or more tensors (a tensor and its views share one storage).
 * {@code version} counts in-place writes, so that backward can tell a saved tensor was changed.
 */
final class Storage {
  final float[] data;
  int version;

  /**
   * Set on an array a kernel made for one parameter's gradient alone: when an optimizer forgets
   * that gradient, the next backward may write the parameter's gradient into it again.
   */
  boolean reusable;

  Storage(float[] data) {
    this.data = data;
  }
}
