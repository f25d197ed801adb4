package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Reduce;
import dev.dendrite.tensor.Tensor;

/**
 * The input side of a recurrent sequence op, done per thread on its own rows of the batch: how the
 * batch is cut into parts and a part's rows laid out ({@link Part}), the projection {@code x·W_ihᵀ
 * + b} of all its time steps in one product before the recurrence, and in backward the gradients of
 * W_ih, b and x from the gates' gradients of all steps.
 *
 * <p>Done inside the sequence op rather than as a matmul and an add in front of it, the projection
 * goes straight into the op's own gate blocks: no (T, N, gates) tensor is written, copied in and
 * reduced again for the bias in backward.
 *
 * <p>Rows are kept in processing order, per thread as its {@link Part} lays them out: block k holds
 * the rows still running at processing step k, which reads time step {@code k} forwards and {@code
 * length − 1 − k} in reverse (each sequence reversed within its own length).
 */
final class SequenceInput {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  /**
   * Per-thread work arrays of the sequence ops' backward passes, kept between calls (see {@link
   * #scratch}).
   */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][0]);

  private final float[] data;
  private final int offset, stepStride, rowStride, t, in;
  private final int[] lengths;
  private final boolean reverse;

  /**
   * Reads {@code x} (T, N, in) in place, whatever its strides over time and batch (batch-first
   * views included); {@code lengths} null when every sequence is T steps long.
   */
  SequenceInput(Tensor x, int[] lengths, boolean reverse) {
    Tensor xs = x.strides()[2] == 1 ? x : x.contiguous();
    this.data = RAW.storage(xs);
    this.offset = RAW.offset(xs);
    this.stepStride = xs.strides()[0];
    this.rowStride = xs.strides()[1];
    this.t = x.size(0);
    this.in = x.size(2);
    this.lengths = lengths;
    this.reverse = reverse;
  }

  /**
   * Rows per part, on average. The parts depend on the batch only, never on the thread count: each
   * part sums its own weight gradients, and the parts' sums are added in order, so a run gives the
   * same bits on 1 thread as on 2 (the threads take whole parts). 32 rows is one part per thread
   * for the benchmarks' batch of 64 on two cores. Tests lower it to split small batches.
   */
  static int partRows = 32;

  /**
   * Row bounds of the batch's parts: {@code n / partRows} of them (at least one); part p is
   * [from[p], from[p+1]). A padded batch is cut where the real steps balance, since a part's work
   * is its rows' lengths: a batch sorted by length would otherwise leave one thread all the long
   * sequences. Equal lengths (or none) give the even cut, {@code from[p] = ⌊n·p / parts⌋}.
   */
  static int[] rowParts(int n, int[] lengths) {
    int parts = Math.max(1, n / partRows);
    int[] from = new int[parts + 1];
    if (lengths == null) {
      for (int p = 0; p <= parts; p++) from[p] = (int) ((long) n * p / parts);
      return from;
    }
    long[] sum = new long[n + 1]; // sum[i]: real steps of rows [0, i)
    for (int i = 0; i < n; i++) sum[i + 1] = sum[i] + lengths[i];
    for (int p = 1; p < parts; p++) {
      // The most rows whose steps stay within p/parts of all, leaving every part at least one row.
      int i = from[p - 1];
      while (i < n && sum[i + 1] * parts <= sum[n] * p) i++;
      from[p] = Math.min(Math.max(i, from[p - 1] + 1), n - (parts - p));
    }
    from[parts] = n;
    return from;
  }

  /**
   * Rows [r0, r0 + rows) of the batch as one thread lays them out: longest sequence first (stable),
   * so that the rows still running at step k are a prefix of the part and block k of its per-step
   * arrays holds only them, PyTorch's packed layout. A finished row is simply not computed: its
   * state stays that of its last real step, its outputs and gradients at the padding stay zero, and
   * whatever the padding holds (inf, NaN) is never read. Unpadded, the order is the batch's and
   * every block holds all rows.
   *
   * @param row batch row of local row i
   * @param length of local row i's sequence
   * @param active rows still running at step k (nonincreasing; {@code active[0] = rows})
   * @param start first row of block k; {@code start[T]} is the rows of all blocks
   */
  record Part(int rows, int[] row, int[] length, int[] active, int[] start) {
    /** The (rows, f) rows of a (N, f) array, in local order. */
    float[] gather(float[] src, int f) {
      float[] dst = new float[rows * f];
      if (src != null)
        for (int i = 0; i < rows; i++) System.arraycopy(src, row[i] * f, dst, i * f, f);
      return dst;
    }

    /** Writes the (rows, f) local rows into their batch rows of a (N, f) array. */
    void scatter(float[] src, float[] dst, int f) {
      for (int i = 0; i < rows; i++) System.arraycopy(src, i * f, dst, row[i] * f, f);
    }

    /**
     * True when every row runs all T steps: then the rows are in batch order, and each step reads
     * one time step.
     */
    boolean full() {
      return active[active.length - 1] == rows;
    }

    /** The row, in the per-step arrays, that holds local row i's last real step. */
    int last(int i) {
      return start[length[i] - 1] + i;
    }
  }

  Part part(int r0, int rows) {
    int[] row = new int[rows], length = new int[rows], active = new int[t], start = new int[t + 1];
    int[] count = new int[t + 1]; // sequences of each length
    for (int i = 0; i < rows; i++) count[lengths == null ? t : lengths[r0 + i]]++;
    for (int k = t - 1, longer = 0; k >= 0; k--) { // active[k] = sequences longer than k
      longer += count[k + 1];
      active[k] = longer;
    }
    int[] next =
        new int[t + 1]; // where the next sequence of each length goes: after all longer ones
    for (int len = 1; len <= t; len++) next[len] = len < t ? active[len] : 0;
    for (int i = 0; i < rows; i++) {
      int len = lengths == null ? t : lengths[r0 + i], pos = next[len]++;
      row[pos] = r0 + i;
      length[pos] = len;
    }
    for (int k = 0; k < t; k++) start[k + 1] = start[k] + active[k];
    return new Part(rows, row, length, active, start);
  }

  /** The time step that processing step k of local row i reads (k &lt; its length). */
  int step(Part q, int k, int i) {
    return reverse ? q.length[i] - 1 - k : k;
  }

  /**
   * Copies the rows of processing step k, f floats each, from {@code src} (T, N, f) at {@code off +
   * step·s0 + row·s1} to {@code dst} at {@code dOff + i·dStride}. Unpadded, with rows f apart on
   * both sides, it is one copy for the step: the per-row copies cost a GRU layer's backward a few
   * per cent.
   */
  void take(
      Part q,
      int k,
      float[] src,
      int off,
      int s0,
      int s1,
      float[] dst,
      int dOff,
      int dStride,
      int f) {
    int rows = q.active[k];
    if (q.full() && s1 == f && dStride == f) {
      System.arraycopy(src, off + step(q, k, 0) * s0 + q.row[0] * s1, dst, dOff, rows * f);
      return;
    }
    for (int i = 0; i < rows; i++)
      System.arraycopy(src, off + step(q, k, i) * s0 + q.row[i] * s1, dst, dOff + i * dStride, f);
  }

  /**
   * The converse of {@link #take}: step k's rows from {@code src} at {@code sOff + i·sStride} into
   * {@code dst} (T, N, f, contiguous).
   */
  void put(Part q, int k, float[] src, int sOff, int sStride, float[] dst, int n, int f) {
    int rows = q.active[k];
    if (q.full() && sStride == f) {
      System.arraycopy(src, sOff, dst, (step(q, k, 0) * n + q.row[0]) * f, rows * f);
      return;
    }
    for (int i = 0; i < rows; i++)
      System.arraycopy(src, sOff + i * sStride, dst, (step(q, k, i) * n + q.row[i]) * f, f);
  }

  /** The part's real rows of every time step, in processing order: (start[T], in). */
  float[] rows(Part q) {
    float[] part = new float[q.start[t] * in];
    for (int k = 0; k < t; k++)
      take(q, k, data, offset, stepStride, rowStride, part, q.start[k] * in, in, in);
    return part;
  }

  /** {@code dst} (T·rows, g) = part·W_ihᵀ + bias: W_ih (g, in) row-major. */
  static void project(float[] part, int tr, int in, float[] wih, float[] bias, int g, float[] dst) {
    for (int r = 0; r < tr; r++) System.arraycopy(bias, 0, dst, r * g, g);
    Gemm.sgemm(false, true, tr, g, in, 1f, part, 0, in, wih, 0, in, 1f, dst, 0, g);
  }

  /**
   * From the gates' gradients {@code dg} (start[T], g) of the part's rows: writes dg·W_ih into
   * those rows of {@code dx} (T, N, in, contiguous, zero at the padding) when it is not null, and
   * returns this part's {dW_ih (g, in), db (g)}.
   */
  float[][] backward(float[] dg, float[] part, Part q, int n, int g, float[] wih, float[] dx) {
    int tr = q.start[t];
    float[] dw = new float[g * in], db = new float[g];
    Gemm.sgemm(true, false, g, in, tr, 1f, dg, 0, g, part, 0, in, 0f, dw, 0, in);
    Reduce.sum(db, 0, dg, 0, 1, tr, g);
    if (dx != null) {
      float[] dxPart = new float[tr * in];
      Gemm.sgemm(false, false, tr, in, g, 1f, dg, 0, g, wih, 0, in, 0f, dxPart, 0, in);
      for (int k = 0; k < t; k++) put(q, k, dxPart, q.start[k] * in, in, dx, n, in);
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

  /**
   * Adds the threads' parts in a fixed order, so that a run repeats bit for bit at a given thread
   * count.
   */
  static float[] sum(float[][] parts) {
    float[] total = parts[0];
    for (int p = 1; p < parts.length; p++)
      Elementwise.axpy(total, 0, 1f, parts[p], 0, total.length);
    return total;
  }
}
