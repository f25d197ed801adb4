package dev.dendrite.nn.conv;

import dev.dendrite.tensor.Tensor;
import java.util.Locale;

/**
 * What a convolution's padding holds, PyTorch's {@code padding_mode}: zeros (the default, done
 * inside the convolution), or the input reflected about its edge (without repeating it), its edge
 * repeated, or the input wrapped around. The non-zero modes pad the input explicitly, by index, so
 * their gradient flows back to the cells they copy.
 */
public enum PaddingMode {
  ZEROS,
  REFLECT,
  REPLICATE,
  CIRCULAR;

  /** The name used by PyTorch and in specs: "zeros", "reflect", "replicate", "circular". */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code s}; the error lists the known names. */
  public static PaddingMode of(String s) {
    for (PaddingMode m : values()) if (m.specName().equals(s)) return m;
    throw new IllegalArgumentException(
        "unknown padding mode \"" + s + "\" (known: zeros, reflect, replicate, circular)");
  }

  /**
   * {@code x} padded by {@code p} cells on both sides of dimension {@code dim} (not for ZEROS,
   * which the convolution pads itself).
   */
  Tensor pad(Tensor x, int dim, int p) {
    if (p == 0) return x;
    int n = x.size(dim);
    if (this == REFLECT ? p >= n : this == CIRCULAR && p > n)
      throw new IllegalArgumentException(
          "padding mode " + specName() + ": padding " + p + " is too large for size " + n);
    float[] idx = new float[n + 2 * p];
    for (int i = 0; i < idx.length; i++) {
      int j = i - p;
      idx[i] =
          switch (this) {
            case REFLECT -> j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j;
            case REPLICATE -> Math.min(Math.max(j, 0), n - 1);
            case CIRCULAR -> Math.floorMod(j, n);
            case ZEROS -> throw new IllegalStateException("zeros are padded by the convolution");
          };
    }
    return x.indexSelect(dim, Tensor.of(idx));
  }
}
