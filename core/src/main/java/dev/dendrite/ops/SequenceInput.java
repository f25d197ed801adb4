package dev.dendrite.ops;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Reduce;
import dev.dendrite.tensor.Tensor;

/**
 * The input side of a recurrent sequence op, done per thread on its own rows of the batch: the
 * projection {@code x·W_ihᵀ + b} of all its time steps in one product before the recurrence, and
 * in backward the gradients of W_ih, b and x from the gates' gradients of all steps.
 *
 * <p>Done inside the sequence op rather than as a matmul and an add in front of it, the projection
 * goes straight into the op's own gate blocks: no (T, N, gates) tensor is written, copied in and
 * reduced again for the bias in backward.
 *
 * <p>Rows are kept in processing order: block k (rows × in) is time step {@code reverse ? T−1−k : k}.
 */
final class SequenceInput {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();

  /** Per-thread work arrays of the sequence ops' backward passes, kept between calls (see {@link #scratch}). */
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

  private final float[] data;
  private final int offset, stepStride, rowStride, t, in;
  private final boolean reverse;

  /** Reads {@code x} (T, N, in) in place, whatever its strides over time and batch (batch-first views included). */
  SequenceInput(Tensor x, boolean reverse) {
    Tensor xs = x.strides()[2] == 1 ? x : x.contiguous();
    this.data = RAW.storage(xs);
    this.offset = RAW.offset(xs);
    this.stepStride = xs.strides()[0];
    this.rowStride = xs.strides()[1];
    this.t = x.size(0);
    this.in = x.size(2);
    this.reverse = reverse;
  }

  /** The time step that processing step k reads. */
  int step(int k) {
    return reverse ? t - 1 - k : k;
  }

  /** Rows [r0, r0 + rows) of every time step, in processing order: (T·rows, in). */
  float[] rows(int r0, int rows) {
    float[] part = new float[t * rows * in];
    for (int k = 0; k < t; k++) {
      int src = offset + step(k) * stepStride + r0 * rowStride;
      for (int r = 0; r < rows; r++) System.arraycopy(data, src + r * rowStride, part, (k * rows + r) * in, in);
    }
    return part;
  }

  /** {@code dst} (T·rows, g) = part·W_ihᵀ + bias: W_ih (g, in) row-major. */
  static void project(float[] part, int tr, int in, float[] wih, float[] bias, int g, float[] dst) {
    for (int r = 0; r < tr; r++) System.arraycopy(bias, 0, dst, r * g, g);
    Gemm.sgemm(false, true, tr, g, in, 1f, part, 0, in, wih, 0, in, 1f, dst, 0, g);
  }

  /**
   * From the gates' gradients {@code dg} (T·rows, g) of rows [r0, r0 + rows): writes dg·W_ih into
   * those rows of {@code dx} (T, N, in, contiguous) when it is not null, and returns this part's
   * {dW_ih (g, in), db (g)}.
   */
  float[][] backward(float[] dg, float[] part, int r0, int rows, int n, int g, float[] wih, float[] dx) {
    int tr = t * rows;
    float[] dw = new float[g * in], db = new float[g];
    Gemm.sgemm(true, false, g, in, tr, 1f, dg, 0, g, part, 0, in, 0f, dw, 0, in);
    Reduce.sum(db, 0, dg, 0, 1, tr, g);
    if (dx != null) {
      float[] dxPart = new float[tr * in];
      Gemm.sgemm(false, false, tr, in, g, 1f, dg, 0, g, wih, 0, in, 0f, dxPart, 0, in);
      for (int k = 0; k < t; k++) {
        System.arraycopy(dxPart, k * rows * in, dx, (step(k) * n + r0) * in, rows * in);
      }
    }
    return new float[][] {dw, db};
  }

  /**
   * A work array of at least {@code size} floats, one per slot and thread, reused by the next call
   * on that thread. Its contents are left over from that call: only for arrays a backward pass
   * writes in full before it reads them (the gates' gradients of all steps, the previous states),
   * which are several MB that would otherwise be allocated, zeroed and collected on every pass.
   */
  static float[] scratch(int slot, int size) {
    float[][] s = SCRATCH.get();
    if (s[slot].length < size) s[slot] = new float[size];
    return s[slot];
  }

  /** W_hhᵀ (cols × rows) from W_hh (rows × cols, row-major), laid out once per sequence. */
  static float[] transpose(float[] w, int rows, int cols) {
    float[] wt = new float[rows * cols];
    Elementwise.transpose(wt, 0, w, 0, cols, rows, cols);
    return wt;
  }

  /** Adds the threads' parts in a fixed order, so that a run repeats bit for bit at a given thread count. */
  static float[] sum(float[][] parts) {
    float[] total = parts[0];
    for (int p = 1; p < parts.length; p++) Elementwise.axpy(total, 0, 1f, parts[p], 0, total.length);
    return total;
  }
}
