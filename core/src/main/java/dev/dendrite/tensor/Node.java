package dev.dendrite.tensor;

import dev.dendrite.autograd.Anomaly;

/**
 * One recorded operation of the autograd graph: the inputs it was applied to, the tensors its
 * backward rule needs (with their versions at record time), and the rule itself, a vector-Jacobian
 * product written in tensor ops. Most ops have one output; an op with several (an LSTM sequence's
 * outputs and final cell state) gets one gradient per output, null for an output none reached.
 */
final class Node {
  /** Maps the gradient of the output to the gradients of the inputs (null where not needed). */
  @FunctionalInterface
  interface Vjp {
    Tensor[] apply(Tensor grad);
  }

  /** Maps the gradients of the outputs (null where none reached) to the gradients of the inputs. */
  @FunctionalInterface
  interface MultiVjp {
    Tensor[] apply(Tensor[] grads);
  }

  final String name;

  /** The layer that recorded the op, kept for anomaly detection (null when it is off). */
  private final String layer;

  Tensor[] inputs;
  private Tensor[] saved;
  private int[] savedVersions;
  private MultiVjp vjp;

  /**
   * The same rule written in differentiable tensor ops, run while recording when backward creates a
   * graph (double backward); null for an op whose backward works on raw arrays only.
   */
  private MultiVjp graphVjp;

  /** The number of outputs. */
  final int outputs;

  /** Per output, the tensor whose gradient {@link Tensor#retainGrad()} keeps, or null. */
  Tensor[] retained;

  Node(String name, Tensor[] inputs, Tensor[] saved, Vjp vjp, Vjp graphVjp) {
    this(
        name,
        inputs,
        saved,
        1,
        grads -> vjp.apply(grads[0]),
        graphVjp == null ? null : grads -> graphVjp.apply(grads[0]));
  }

  Node(String name, Tensor[] inputs, Tensor[] saved, int outputs, MultiVjp vjp, MultiVjp graphVjp) {
    this.name = name;
    this.layer = Anomaly.enabled() ? Anomaly.layer() : null;
    this.inputs = inputs;
    this.saved = saved;
    this.vjp = vjp;
    this.graphVjp = graphVjp;
    this.outputs = outputs;
    this.savedVersions = new int[saved.length];
    for (int i = 0; i < saved.length; i++) savedVersions[i] = saved[i].storage.version;
  }

  /** True when this op's backward can itself be recorded (see {@link #graphVjp}). */
  boolean twiceDifferentiable() {
    return graphVjp != null;
  }

  /**
   * {@code grads} holds one gradient per output, at least one of them not null; with {@code
   * createGraph} the differentiable rule runs (the caller has recording on and checked {@link
   * #twiceDifferentiable}).
   */
  Tensor[] backward(Tensor[] grads, boolean createGraph) {
    if (vjp == null) {
      throw new IllegalStateException(
          "backward through "
              + name
              + " a second time: the graph was freed by the "
              + "first backward (call backward(grad, true) to keep it)");
    }
    for (int i = 0; i < saved.length; i++) {
      if (saved[i].storage.version != savedVersions[i]) {
        throw new IllegalStateException(
            "a tensor of shape "
                + Shape.str(saved[i].shape)
                + " needed by the backward of "
                + name
                + " was modified in place after it was used (version "
                + saved[i].storage.version
                + ", expected "
                + savedVersions[i]
                + "); clone it before the in-place change");
      }
    }
    Tensor[] out = createGraph ? graphVjp.apply(grads) : vjp.apply(grads);
    if (Anomaly.enabled()) Anomaly.checkBackward(name, layer, grads, out);
    return out;
  }

  void release() {
    vjp = null;
    graphVjp = null;
    saved = null;
    inputs = null;
    retained = null;
  }
}
