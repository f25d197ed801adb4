package dev.dendrite.autograd;

import dev.dendrite.internal.Access;
import dev.dendrite.tensor.Tensor;

/**
 * Gradient-recording mode, per thread, as PyTorch's {@code torch.no_grad()}.
 *
 * <pre>{@code
 * try (var off = Grad.disabled()) { metrics.update(model.forward(x), y); }
 * }</pre>
 *
 * Inside a disabled scope, ops record no graph and their results do not require gradients.
 */
public final class Grad {
  private static final ThreadLocal<int[]> DISABLED_DEPTH =
      ThreadLocal.withInitial(() -> new int[1]);

  private Grad() {}

  /** True when ops on this thread record the autograd graph. */
  public static boolean isEnabled() {
    return DISABLED_DEPTH.get()[0] == 0;
  }

  /**
   * The gradients of {@code outputs} with respect to {@code inputs}, as {@code
   * torch.autograd.grad}: {@code Σ_k gradOutputs[k]ᵀ · ∂outputs[k]/∂inputs[i]} for each input, of
   * that input's shape. No tensor's {@link Tensor#grad()} changes. {@code gradOutputs} may be null
   * when every output is a one-element tensor (each is then seeded with 1).
   *
   * <p>With {@code createGraph} the backward is recorded too, so the results have a graph and can
   * be differentiated again (a gradient penalty, a Hessian-vector product); with {@code
   * retainGraph} (PyTorch's default is {@code createGraph}) the graph of the outputs survives for
   * another backward. An input the outputs do not depend on is an error.
   */
  public static Tensor[] grad(
      Tensor[] outputs,
      Tensor[] inputs,
      Tensor[] gradOutputs,
      boolean createGraph,
      boolean retainGraph) {
    return grad(outputs, inputs, gradOutputs, createGraph, retainGraph, false);
  }

  /** As above; with {@code allowUnused} an input the outputs do not depend on gets null. */
  public static Tensor[] grad(
      Tensor[] outputs,
      Tensor[] inputs,
      Tensor[] gradOutputs,
      boolean createGraph,
      boolean retainGraph,
      boolean allowUnused) {
    if (gradOutputs == null) {
      gradOutputs = new Tensor[outputs.length];
      for (int k = 0; k < outputs.length; k++) {
        if (outputs[k].numel() != 1)
          throw new IllegalArgumentException(
              "grad: output "
                  + k
                  + " has shape "
                  + java.util.Arrays.toString(outputs[k].shape())
                  + "; pass gradOutputs for an output that is not a scalar");
        gradOutputs[k] = Tensor.ones(outputs[k].shape());
      }
    }
    return Access.tensors()
        .gradients(outputs, inputs, gradOutputs, createGraph, retainGraph, allowUnused);
  }

  /** The gradient of a one-element {@code output} with respect to {@code input}. */
  public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
    return grad(new Tensor[] {output}, new Tensor[] {input}, null, createGraph, createGraph)[0];
  }

  /**
   * Opens a scope in which no graph is recorded; close it (try-with-resources) to restore the mode.
   */
  public static Scope disabled() {
    int[] depth = DISABLED_DEPTH.get();
    depth[0]++;
    return new Scope(depth);
  }

  /** A no-grad scope; closing it twice is harmless. */
  public static final class Scope implements AutoCloseable {
    private final int[] depth;
    private boolean open = true;

    private Scope(int[] depth) {
      this.depth = depth;
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        depth[0]--;
      }
    }
  }
}
