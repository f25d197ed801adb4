package dev.dendrite.ops.sequence;

import dev.dendrite.tensor.Tensor;

/**
 * Padded batches of sequences of different lengths, as PyTorch's packed sequences see them:
 * sequence b is real at time steps {@code 0 ≤ k < lengths[b]} and padding after. Tensors are
 * time-major (T, N, F) unless said otherwise.
 */
public final class Sequences {
  private Sequences() {}

  /** Checks one length per sequence, each in [1, T]; returns a copy. */
  public static int[] check(Object layer, int[] lengths, int n, int t) {
    if (lengths.length != n) {
      throw new IllegalArgumentException(
          layer + ": " + lengths.length + " lengths for a batch of " + n + " sequences");
    }
    for (int b = 0; b < n; b++) {
      if (lengths[b] < 1 || lengths[b] > t) {
        throw new IllegalArgumentException(
            layer
                + ": length "
                + lengths[b]
                + " of sequence "
                + b
                + " outside [1, "
                + t
                + "] (T = "
                + t
                + ")");
      }
    }
    return lengths.clone();
  }

  /** True when every sequence fills all T steps: then the plain path applies. */
  public static boolean full(int[] lengths, int t) {
    for (int len : lengths) if (len != t) return false;
    return true;
  }

  /**
   * Per time step, an (N, 1) mask of the sequences still running (1) or finished (0); null where
   * every sequence is still running, so those steps need no masking at all.
   */
  public static Tensor[] stepMasks(int[] lengths, int t) {
    int n = lengths.length;
    Tensor[] masks = new Tensor[t];
    for (int k = 0; k < t; k++) {
      float[] m = new float[n];
      boolean all = true;
      for (int b = 0; b < n; b++) {
        m[b] = k < lengths[b] ? 1f : 0f;
        all &= k < lengths[b];
      }
      masks[k] = all ? null : Tensor.wrap(m, n, 1);
    }
    return masks;
  }

  /** {@code x} (T, N, F) with exact zeros at the padded steps, and no gradient flowing there. */
  public static Tensor zeroPadding(Tensor x, int[] lengths) {
    int t = x.size(0), n = x.size(1);
    float[] m = new float[t * n];
    for (int k = 0; k < t; k++) for (int b = 0; b < n; b++) m[k * n + b] = k < lengths[b] ? 1f : 0f;
    // where, not a product: padding that holds inf or NaN must still give zeros.
    return Tensor.where(Tensor.wrap(m, t, n, 1), x, Tensor.scalar(0f));
  }

  /**
   * Row index (in units of F) of time step k of sequence b: b·T + k batch-first, k·N + b
   * time-major.
   */
  private static int row(int k, int b, int t, int n, boolean batchFirst) {
    return batchFirst ? b * t + k : k * n + b;
  }

  /**
   * Reverses each sequence within its own length, {@code dst[k] = src[len − 1 − k]} for k &lt; len,
   * and copies the padding unchanged. The permutation is its own inverse. {@code lengths} null
   * means every sequence is T long.
   */
  static void reverseRows(
      float[] src, float[] dst, int t, int n, int f, int[] lengths, boolean batchFirst) {
    for (int b = 0; b < n; b++) {
      int len = lengths == null ? t : lengths[b];
      for (int k = 0; k < t; k++) {
        int from = k < len ? len - 1 - k : k;
        System.arraycopy(
            src, row(from, b, t, n, batchFirst) * f, dst, row(k, b, t, n, batchFirst) * f, f);
      }
    }
  }

  /**
   * {@code x} (T, N, F), or (N, T, F) when {@code batchFirst}, with each sequence reversed within
   * its length (all T steps when {@code lengths} is null), as a differentiable op: its backward is
   * the same permutation.
   */
  public static Tensor reverse(Tensor x, int[] lengths, boolean batchFirst) {
    int[] shape = x.shape();
    int t = shape[batchFirst ? 1 : 0], n = shape[batchFirst ? 0 : 1], f = shape[2];
    float[] out = new float[x.numel()];
    reverseRows(x.toArray(), out, t, n, f, lengths, batchFirst);
    return Tensor.custom(
        "reverseSequences",
        Tensor.wrap(out, shape),
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          float[] gx = new float[out.length];
          reverseRows(g.toArray(), gx, t, n, f, lengths, batchFirst);
          return new Tensor[] {Tensor.wrap(gx, shape)};
        });
  }
}
