package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing for the register tiles: panels of A a tile's rows tall and panels of B a tile's columns
 * wide, contiguous along the depth, zero-padded past the matrix's edge, so that the tile's loads
 * are unit-stride and never test bounds. {@link GemmJava} packs per block; {@link PackedLinear}
 * packs a Linear layer's weight once.
 */
final class GemmPack {
  private GemmPack() {}

  /**
   * Packs rows i..i+mr, depth pc..pc+kc of alpha·op(A) into an mr-row panel ({@code ap[p·MR + r]},
   * MR the tile's rows); missing rows are 0.
   */
  static void packA(
      int rows,
      boolean ta,
      float[] a,
      int ao,
      int lda,
      int i,
      int mr,
      int pc,
      int kc,
      float alpha,
      float[] ap,
      int off) {
    if (ta) {
      for (int p = 0; p < kc; p++) {
        int src = ao + (pc + p) * lda + i, dst = off + p * rows;
        for (int r = 0; r < mr; r++) ap[dst + r] = alpha * a[src + r];
        for (int r = mr; r < rows; r++) ap[dst + r] = 0f;
      }
    } else {
      for (int r = 0; r < rows; r++) {
        if (r < mr) {
          int src = ao + (i + r) * lda + pc;
          for (int p = 0; p < kc; p++) ap[off + p * rows + r] = alpha * a[src + p];
        } else {
          for (int p = 0; p < kc; p++) ap[off + p * rows + r] = 0f;
        }
      }
    }
  }

  /**
   * Packs depth pc..pc+kc, columns j..j+nr of op(B) into an NR-column panel ({@code bp[p·NR + c]},
   * NR = {@code cols}, the tile's columns); missing columns are 0.
   */
  static void packB(
      int cols,
      boolean tb,
      float[] b,
      int bo,
      int ldb,
      int pc,
      int kc,
      int j,
      int nr,
      float[] bp,
      int off) {
    if (!tb) {
      if (nr == cols && cols == 32) {
        VectorSpecies<Float> s = FloatVector.SPECIES_512;
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * 32;
          FloatVector.fromArray(s, b, src).intoArray(bp, dst);
          FloatVector.fromArray(s, b, src + 16).intoArray(bp, dst + 16);
        }
      } else if (nr == cols && cols == 16) {
        VectorSpecies<Float> s = FloatVector.SPECIES_256;
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * 16;
          FloatVector.fromArray(s, b, src).intoArray(bp, dst);
          FloatVector.fromArray(s, b, src + 8).intoArray(bp, dst + 8);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = bo + (pc + p) * ldb + j, dst = off + p * cols;
          System.arraycopy(b, src, bp, dst, nr);
          java.util.Arrays.fill(bp, dst + nr, dst + cols, 0f);
        }
      }
    } else {
      // B is stored n×k: read each row of it contiguously, write down a column of the panel.
      for (int col = 0; col < cols; col++) {
        if (col < nr) {
          int src = bo + (j + col) * ldb + pc;
          for (int p = 0; p < kc; p++) bp[off + p * cols + col] = b[src + p];
        } else {
          for (int p = 0; p < kc; p++) bp[off + p * cols + col] = 0f;
        }
      }
    }
  }
}
