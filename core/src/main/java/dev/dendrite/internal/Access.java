package dev.dendrite.internal;

import dev.dendrite.tensor.Tensor;
import java.lang.invoke.MethodHandles;

/**
 * Raw storage access for the core's own packages (the ops on raw arrays, and optimizers updating
 * parameters in place with vectorised loops). This package is not exported, so users cannot reach
 * it. Only {@link Tensor} can read its own fields, so it installs the implementation from its
 * static initialiser, and {@link #tensors()} initialises {@code Tensor} explicitly before handing
 * it out.
 */
public final class Access {
  /** What the core may do to a tensor's storage. */
  public interface TensorData {
    /**
     * The backing array; the tensor's elements are {@code [offset, offset + numel)} when
     * contiguous.
     */
    float[] array(Tensor t);

    int offset(Tensor t);

    /**
     * The backing array of any tensor, views included, for a reader that follows {@code
     * t.strides()} from {@link #offset}.
     */
    float[] storage(Tensor t);

    /** Records an in-place write (for backward's saved-tensor check). */
    void wrote(Tensor t);

    /**
     * Forgets {@code t}'s gradient, as an optimizer's {@code zeroGrad} does, keeping its array for
     * the next backward when a kernel made it for this gradient alone ({@link #gradient}).
     */
    void recycleGrad(Tensor t);

    /**
     * The array {@link #recycleGrad} kept for {@code t}, if it has {@code size} floats; else null.
     */
    float[] takeSpareGrad(Tensor t, int size);

    /** A kernel's new gradient array as a tensor whose array {@link #recycleGrad} may keep. */
    Tensor gradient(float[] data, int... shape);

    /**
     * True when {@code g} is a whole array that a kernel made for one gradient alone ({@link
     * #gradient}), so that it may be changed in place: no other tensor reads it.
     */
    boolean ownGradient(Tensor g);

    /** The gradients of {@code outputs} with respect to {@code inputs} (see {@code Grad.grad}). */
    Tensor[] gradients(
        Tensor[] outputs,
        Tensor[] inputs,
        Tensor[] gradOutputs,
        boolean createGraph,
        boolean retainGraph,
        boolean allowUnused);
  }

  private static volatile TensorData installed;

  private Access() {}

  /** Called once, by {@code Tensor}'s static initialiser. */
  public static void install(TensorData impl) {
    if (installed != null) throw new IllegalStateException("tensor access is installed already");
    installed = impl;
  }

  /** The accessor; the first call initialises {@code Tensor}, which installs it. */
  public static TensorData tensors() {
    return Initialised.TENSORS;
  }

  /**
   * A holder, so that the initialisation runs once and a second thread waits for it: while one
   * thread runs Tensor's initialiser, another asking here blocks until the accessor is installed.
   */
  private static final class Initialised {
    static final TensorData TENSORS = initialise();

    private static TensorData initialise() {
      try {
        MethodHandles.lookup().ensureInitialized(Tensor.class);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot initialise " + Tensor.class.getName(), e);
      }
      if (installed == null)
        throw new IllegalStateException("Tensor's initialiser did not install its accessor");
      return installed;
    }
  }
}
