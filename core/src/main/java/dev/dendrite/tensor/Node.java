package dev.dendrite.tensor;

/**
 * One recorded operation of the autograd graph: the inputs it was applied to, the tensors its
 * backward rule needs (with their versions at record time), and the rule itself, a vector-Jacobian
 * product written in tensor ops.
 */
final class Node {
  /** Maps the gradient of the output to the gradients of the inputs (null where not needed). */
  @FunctionalInterface
  interface Vjp {
    Tensor[] apply(Tensor grad);
  }

  final String name;
  Tensor[] inputs;
  private Tensor[] saved;
  private int[] savedVersions;
  private Vjp vjp;
  /** Set by {@link Tensor#retainGrad()} on a non-leaf output of this node. */
  Tensor retained;

  Node(String name, Tensor[] inputs, Tensor[] saved, Vjp vjp) {
    this.name = name;
    this.inputs = inputs;
    this.saved = saved;
    this.vjp = vjp;
    this.savedVersions = new int[saved.length];
    for (int i = 0; i < saved.length; i++) savedVersions[i] = saved[i].storage.version;
  }

  Tensor[] backward(Tensor grad) {
    if (vjp == null) {
      throw new IllegalStateException("backward through " + name + " a second time: the graph was freed by the "
          + "first backward (call backward(grad, true) to keep it)");
    }
    for (int i = 0; i < saved.length; i++) {
      if (saved[i].storage.version != savedVersions[i]) {
        throw new IllegalStateException("a tensor of shape " + Shape.str(saved[i].shape) + " needed by the backward of "
            + name + " was modified in place after it was used (version " + saved[i].storage.version + ", expected "
            + savedVersions[i] + "); clone it before the in-place change");
      }
    }
    return vjp.apply(grad);
  }

  void release() {
    vjp = null;
    saved = null;
    inputs = null;
    retained = null;
  }
}
