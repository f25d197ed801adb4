package dev.dendrite.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic on {@code int[]} dimension lists: element counts, row-major strides, the
 * broadcasting rule and dimension normalisation. Shapes are plain arrays so that they cost nothing;
 * this class keeps the rules in one place.
 */
public final class Shape {
  private Shape() {}

  /** Number of elements of a tensor of this shape (1 for a scalar). */
  private static final ThreadLocal<Long> LIMIT = new ThreadLocal<>();

  /**
   * Runs {@code body} with every shape made on this thread limited to {@code maxElements}: a larger
   * one is an {@link IllegalArgumentException} before anything is allocated. Readers use it when a
   * file's few bytes describe tensors to create (a model spec), so that a size the file cannot
   * justify fails instead of exhausting memory. Nested limits take the smaller.
   */
  public static <T> T limited(long maxElements, java.util.function.Supplier<T> body) {
    Long old = LIMIT.get();
    LIMIT.set(old == null ? maxElements : Math.min(old, maxElements));
    try {
      return body.get();
    } finally {
      if (old == null) LIMIT.remove();
      else LIMIT.set(old);
    }
  }

  public static int numel(int... shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + str(shape));
      n *= d;
      if (n > Integer.MAX_VALUE)
        throw new IllegalArgumentException(
            "shape " + str(shape) + " has more than 2^31-1 elements");
    }
    Long limit = LIMIT.get();
    if (limit != null && n > limit)
      throw new IllegalArgumentException(
          "shape " + str(shape) + " has " + n + " elements, more than the limit of " + limit);
    return (int) n;
  }

  /** Row-major (C order) strides, in elements. */
  public static int[] contiguousStrides(int... shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return s;
  }

  /**
   * The broadcast shape of {@code a} and {@code b}, NumPy/PyTorch rule: align on the right; each
   * pair of dimensions must be equal or one of them 1.
   *
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int da = i < n - a.length ? 1 : a[i - (n - a.length)];
      int db = i < n - b.length ? 1 : b[i - (n - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op
                + ": shapes "
                + str(a)
                + " and "
                + str(b)
                + " do not broadcast: dimension "
                + i
                + " is "
                + da
                + " vs "
                + db);
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** Normalises a possibly negative dimension index against {@code rank}. */
  public static int dim(String op, int dim, int rank) {
    int d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= Math.max(rank, 1) || (rank == 0 && d != 0)) {
      throw new IllegalArgumentException(
          op + ": dimension " + dim + " out of range for a tensor of rank " + rank);
    }
    return d;
  }

  /** {@code (2, 3)} style, as PyTorch prints sizes; {@code ()} for a scalar. */
  public static String str(int... shape) {
    if (shape.length == 1) return "(" + shape[0] + ")";
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(shape[i]);
    }
    return sb.append(')').toString();
  }

  static boolean same(int[] a, int[] b) {
    return Arrays.equals(a, b);
  }
}
