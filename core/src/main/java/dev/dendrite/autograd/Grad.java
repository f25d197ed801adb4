package dev.dendrite.autograd;

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
