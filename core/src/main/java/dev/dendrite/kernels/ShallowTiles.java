package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = alpha·A·B + beta·C} for a short depth (k ≤ 16, a first convolution over 1–3 input
 * channels: k = C_in·kH·kW): each row of C is a combination of k rows of B, computed over column
 * blocks of 512 so that the k rows of B stay in L1 while every row of A uses them.
 */
final class ShallowTiles {
  private static final VectorSpecies<Float> S = GemmJava.S;
  private static final int L = GemmJava.L;
  private static final int COLS = 512, ROWS = 64;

  private ShallowTiles() {}

  static void run(
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float beta,
      float[] c,
      int co,
      int ldc) {
    // Tasks are column blocks times chunks of rows: with one column block (n ≤ 512), the rows
    // alone give the threads their shares.
    int colBlocks = (n + COLS - 1) / COLS, rowChunks = (m + ROWS - 1) / ROWS;
    int blocks = colBlocks * rowChunks;
    java.util.function.IntConsumer body =
        t -> {
          int blk = t % colBlocks, i0 = t / colBlocks * ROWS, i1 = Math.min(m, i0 + ROWS);
          int j0 = blk * COLS, len = Math.min(COLS, n - j0), bound = S.loopBound(len);
          for (int i = i0; i < i1; i++) {
            int crow = co + i * ldc + j0, arow = ao + i * lda;
            int j = 0;
            for (; j < bound; j += L) {
              FloatVector acc = FloatVector.zero(S);
              for (int p = 0; p < k; p++)
                acc =
                    FloatVector.broadcast(S, alpha * a[arow + p])
                        .fma(FloatVector.fromArray(S, b, bo + p * ldb + j0 + j), acc);
              if (beta != 0f) acc = FloatVector.fromArray(S, c, crow + j).mul(beta).add(acc);
              FloatVector.broadcast(S, 1f).mul(acc).intoArray(c, crow + j);
            }
            for (; j < len; j++) {
              float s = 0;
              for (int p = 0; p < k; p++) s += alpha * a[arow + p] * b[bo + p * ldb + j0 + j];
              c[crow + j] = beta == 0f ? s : beta * c[crow + j] + s;
            }
          }
        };
    if (GemmJava.threadsFor(m, n, k) == 1 || blocks == 1) {
      for (int t = 0; t < blocks; t++) body.accept(t);
    } else {
      Parallel.forEach(blocks, body);
    }
  }
}
