package dev.dendrite.ops;

import dev.dendrite.internal.Access;
import dev.dendrite.kernels.Elementwise;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/** Row lookup in a table, the op behind an embedding layer. */
public final class Lookup {
  private static final Access.TensorData RAW = Access.tensors();

  private Lookup() {}

  /**
   * Row i of {@code table} (num, dim) for each index i of {@code indices} (*), integer values held
   * as floats: output (*, dim). Backward adds each output row's gradient into its table row
   * (repeated indices sum), except into row {@code paddingIdx} (−1 for none); rows not looked up
   * get zero. {@code layer} names the caller in errors.
   */
  public static Tensor embedding(Object layer, Tensor indices, Tensor table, int paddingIdx) {
    int num = table.size(0), dim = table.size(1);
    float[] idx = indices.toArray();
    int[] rows = new int[idx.length];
    for (int p = 0; p < idx.length; p++) {
      int i = (int) idx[p];
      if (i != idx[p] || i < 0 || i >= num) {
        String shown =
            idx[p] == Math.rint(idx[p]) ? String.valueOf((long) idx[p]) : String.valueOf(idx[p]);
        throw new IllegalArgumentException(
            layer
                + ": index "
                + shown
                + " at position "
                + p
                + " is outside the table of "
                + num
                + " rows [0, "
                + num
                + ")");
      }
      rows[p] = i;
    }
    // Rows are copied from the table in place: a copy of the whole table per batch would cost more
    // than the lookup.
    float[] data = RAW.array(table);
    int base = RAW.offset(table);
    float[] out = new float[rows.length * dim];
    for (int p = 0; p < rows.length; p++)
      System.arraycopy(data, base + rows[p] * dim, out, p * dim, dim);
    int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
    shape[indices.dim()] = dim;
    return Tensor.custom(
        "embedding",
        Tensor.wrap(out, shape),
        new Tensor[] {table},
        new Tensor[] {table},
        g -> {
          float[] gd = g.toArray(), gw = new float[num * dim];
          for (int p = 0; p < rows.length; p++) {
            if (rows[p] != paddingIdx)
              Elementwise.axpy(gw, rows[p] * dim, 1f, gd, p * dim, dim); // scatter-add, row by row
          }
          return new Tensor[] {Tensor.wrap(gw, num, dim)};
        });
  }
}
