package dev.dendrite.tensor;

/**
 * The flat float32 buffer behind one or more tensors (a tensor and its views share one storage).
 * {@code version} counts in-place writes, so that backward can tell a saved tensor was changed.
 */
final class Storage {
  final float[] data;
  int version;

  Storage(float[] data) {
    this.data = data;
  }
}
