package dev.dendrite.tensor;

import dev.dendrite.kernels.Parallel;

/**
 * Walks the rows of a row-major output of a given shape while tracking the matching offsets into
 * several strided operands (views, broadcast inputs with stride 0).
 *
 * <p>Adjacent dimensions are merged wherever every operand allows it, so a contiguous or simply
 * broadcast case becomes one long row, which the kernels then vectorise. Large outputs are split
 * across the shared pool by rows.
 */
final class Strided {
  private static final int GRAIN = 1 << 15;

  private Strided() {}

  /** Receives one row: the operands' start offsets, their strides along the row, the row length. */
  interface Row {
    void row(int outOffset, int[] offsets, int[] innerStrides, int len);
  }

  static void rows(int[] shape, int[][] strides, int[] offsets, Row fn) {
    int k = strides.length;
    // Collapse dimensions from the right; drop size-1 dimensions.
    int[] cs = new int[shape.length];
    int[][] cst = new int[k][shape.length];
    int r = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (r > 0) {
        boolean merge = true;
        for (int j = 0; j < k; j++) {
          if (cst[j][r - 1] != strides[j][d] * shape[d]) {
            merge = false;
            break;
          }
        }
        if (merge) {
          cs[r - 1] *= shape[d];
          for (int j = 0; j < k; j++) cst[j][r - 1] = strides[j][d];
          continue;
        }
      }
      cs[r] = shape[d];
      for (int j = 0; j < k; j++) cst[j][r] = strides[j][d];
      r++;
    }
    int numel = Shape.numel(shape);
    if (numel == 0) return;
    if (r == 0) { // a single element
      fn.row(0, offsets.clone(), new int[k], 1);
      return;
    }
    int len = cs[r - 1];
    int[] inner = new int[k];
    for (int j = 0; j < k; j++) inner[j] = cst[j][r - 1];
    int rows = numel / len;
    int outerRank = r - 1;
    int grainRows = Math.max(1, GRAIN / len);
    Parallel.forRange(
        rows,
        grainRows,
        (from, to) -> {
          int[] idx = new int[Math.max(outerRank, 1)];
          int[] offs = new int[k];
          // Decompose the first row index into a multi-index over the outer dimensions.
          int rem = from;
          for (int d = outerRank - 1; d >= 0; d--) {
            idx[d] = rem % cs[d];
            rem /= cs[d];
          }
          for (int j = 0; j < k; j++) {
            int o = offsets[j];
            for (int d = 0; d < outerRank; d++) o += idx[d] * cst[j][d];
            offs[j] = o;
          }
          for (int row = from; row < to; row++) {
            fn.row(row * len, offs, inner, len);
            for (int d = outerRank - 1; d >= 0; d--) { // odometer step
              idx[d]++;
              for (int j = 0; j < k; j++) offs[j] += cst[j][d];
              if (idx[d] < cs[d]) break;
              for (int j = 0; j < k; j++) offs[j] -= cst[j][d] * cs[d];
              idx[d] = 0;
            }
          }
        });
  }
}
