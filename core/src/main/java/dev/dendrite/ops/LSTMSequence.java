package dev.dendrite.ops;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/**
 * One direction of one LSTM layer over a whole unpadded sequence, as a single differentiable op.
 *
 * <p>Per step the work is small (N·4H·H multiply-adds and one fused gate pass), so splitting each
 * step's kernels across threads costs as much as it saves: measured, an LSTM trained no faster on two
 * threads than on one. Here the batch is split instead: each thread runs the whole recurrence, and
 * its backward through time, for its own rows, with single-threaded kernels. The weight gradient is
 * one product per thread over all steps, {@code dW_hh = Σ_t dGates_tᵀ·h_{t−1}}, rather than a sum of
 * T small products; the threads' parts are added in a fixed order, so a run repeats bit for bit at a
 * given thread count.
 *
 * <p>The input projection x·W_ihᵀ + b of all steps is one product per thread too, written straight
 * into the thread's gate blocks ({@link SequenceInput}).
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0}, {@code c0} (N, H); W_ih (4H, I); W_hh (4H, H); bias
 * (4H) = b_ih + b_hh. Outputs: h_t of every step (T, N, H), in time order also for the reverse
 * direction (which processes t = T−1 … 0), and the cell state after the last step processed (N, H).
 *
 * <p>The cell state is a second result of the same op, with a gradient of its own, so that a model
 * that reads only the outputs (a classifier, a language model) hands backward a gradient of h
 * alone: with one (T, N, 2H) result, every backward pass built and scattered a zero gradient for
 * all the c's.
 */
public final class LSTMSequence {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();

  private LSTMSequence() {}

  /** Row bounds of the batch's parts: one per thread, at least 8 rows each; part p is [from[p], from[p+1]). */
  static int[] rowParts(int n) {
    int parts = Math.max(1, Math.min(Parallel.threads(), n / 8));
    int[] from = new int[parts + 1];
    for (int p = 0; p <= parts; p++) from[p] = (int) ((long) n * p / parts);
    return from;
  }

  /** Returns {h of every step (T, N, H), c after the last step processed (N, H)}. */
  public static Tensor[] run(Tensor x, Tensor h0, Tensor c0, Tensor wih, Tensor whh, Tensor bias, boolean reverse) {
    int t = x.size(0), n = x.size(1), in = x.size(2), g = whh.size(0), h = g / 4;
    SequenceInput input = new SequenceInput(x, reverse);
    float[] wi = wih.toArray(), b = bias.toArray(), w = whh.toArray(), hInit = h0.toArray(), cInit = c0.toArray();
    // W_hhᵀ (H, 4H) laid out once: h·W_hhᵀ with few rows and a short depth runs ~3× faster from a
    // row-major B than from a transposed one (measured 162 against 56 GFLOPS at 32×512×128).
    float[] wt = SequenceInput.transpose(w, g, h);
    int[] from = rowParts(n);
    int parts = from.length - 1;
    float[] out = new float[t * n * h], cLast = new float[n * h];
    // Saved per part for backward: its input rows, the activated gates and [h ‖ c] of every step, in processing order.
    float[][] xs = new float[parts][], acts = new float[parts][], states = new float[parts][];
    Parallel.forEach(parts, p -> {
      int r0 = from[p], rows = from[p + 1] - r0;
      // Step k works in place in block k of act and hc: act's block holds its projected input, gets
      // h·W_hhᵀ added and is activated there; its [h ‖ c] is written into hc's block, which step
      // k + 1 reads its state from.
      float[] xPart = input.rows(r0, rows), act = new float[t * rows * g], hc = new float[t * rows * 2 * h];
      SequenceInput.project(xPart, t * rows, in, wi, b, g, act);
      for (int k = 0; k < t; k++) {
        int step = input.step(k), ak = k * rows * g, hk = k * rows * 2 * h;
        // The previous state: block k − 1 of hc (rows 2H apart, c after h), or the initial one.
        float[] hs = k > 0 ? hc : hInit, cs = k > 0 ? hc : cInit;
        int hOff = k > 0 ? hk - rows * 2 * h : r0 * h, cOff = k > 0 ? hk - rows * 2 * h + h : r0 * h, stride = k > 0 ? 2 * h : h;
        Gemm.sgemm(false, false, rows, g, h, 1f, hs, hOff, stride, wt, 0, g, 1f, act, ak, g);
        Gates.lstmForward(act, ak, cs, cOff, stride, rows, h, hc, hk, act, ak);
        for (int r = 0; r < rows; r++) System.arraycopy(hc, hk + r * 2 * h, out, ((step * n) + r0 + r) * h, h);
      }
      for (int r = 0; r < rows; r++) System.arraycopy(hc, (t - 1) * rows * 2 * h + r * 2 * h + h, cLast, (r0 + r) * h, h);
      xs[p] = xPart;
      acts[p] = act;
      states[p] = hc;
    });
    Tensor hs = Tensor.wrap(out, t, n, h), cN = Tensor.wrap(cLast, n, h);
    Tensor[] inputs = {x, h0, c0, wih, whh, bias};
    if (java.util.Arrays.stream(inputs).noneMatch(Tensor::requiresGrad)) return new Tensor[] {hs, cN};
    return Tensor.custom("lstmSequence", new Tensor[] {hs, cN}, inputs, new Tensor[0], ups -> {
      // A model that reads only h (a classifier, a language model) gives no gradient of c_T; one
      // that reads only c_T gives none of h, read as zeros.
      Tensor up = ups[0] == null ? Tensor.zeros(t, n, h) : ups[0];
      float[] dcT = ups[1] == null ? null : ups[1].contiguous().toArray();
      Tensor uv = up.strides()[2] == 1 ? up : up.contiguous();
      float[] dOut = RAW.storage(uv);
      int uo = RAW.offset(uv), us0 = uv.strides()[0], us1 = uv.strides()[1];
      float[] dx = x.requiresGrad() ? new float[t * n * in] : null, dh0 = new float[n * h], dc0 = new float[n * h];
      float[][] dWih = new float[parts][], dB = new float[parts][], dWhh = new float[parts][];
      Parallel.forEach(parts, p -> {
        int r0 = from[p], rows = from[p + 1] - r0;
        float[] act = acts[p], hc = states[p];
        float[] dGatesAll = SequenceInput.scratch(0, t * rows * g), hPrevAll = SequenceInput.scratch(1, t * rows * h);
        float[] dhNext = new float[rows * h], dcNext = new float[rows * h], dhc = new float[rows * 2 * h], dc = new float[rows * h];
        for (int k = t - 1; k >= 0; k--) {
          int step = input.step(k), ak = k * rows * g, hk = k * rows * 2 * h;
          // h_{k−1} of each row, for dW_hh
          if (k > 0) {
            for (int r = 0; r < rows; r++) System.arraycopy(hc, hk - rows * 2 * h + r * 2 * h, hPrevAll, (k * rows + r) * h, h);
          } else {
            System.arraycopy(hInit, r0 * h, hPrevAll, 0, rows * h);
          }
          // [dh ‖ dc] of each row: the gradient of this step's output and what the next step handed back
          for (int r = 0; r < rows; r++) {
            System.arraycopy(dOut, uo + step * us0 + (r0 + r) * us1, dhc, r * 2 * h, h);
            Elementwise.axpy(dhc, r * 2 * h, 1f, dhNext, r * h, h);
            System.arraycopy(dcNext, r * h, dhc, r * 2 * h + h, h);
            if (k == t - 1 && dcT != null) Elementwise.axpy(dhc, r * 2 * h + h, 1f, dcT, (r0 + r) * h, h);
          }
          // The state this step started from: block k − 1 of hc, or the initial one.
          float[] cs = k > 0 ? hc : cInit;
          int cOff = k > 0 ? hk - rows * 2 * h + h : r0 * h, stride = k > 0 ? 2 * h : h;
          Gates.lstmBackward(dhc, act, ak, cs, cOff, stride, hc, hk, rows, h, dGatesAll, ak, dc);
          Gemm.sgemm(false, false, rows, h, g, 1f, dGatesAll, ak, g, w, 0, h, 0f, dhNext, 0, h); // dh_{t−1} = dGates·W_hh
          System.arraycopy(dc, 0, dcNext, 0, rows * h);
        }
        System.arraycopy(dhNext, 0, dh0, r0 * h, rows * h);
        System.arraycopy(dcNext, 0, dc0, r0 * h, rows * h);
        // dW_hh = Σ_k dGates_kᵀ·h_{k−1} as one product over all steps; likewise dW_ih, db and dx.
        float[] dw = new float[g * h];
        Gemm.sgemm(true, false, g, h, t * rows, 1f, dGatesAll, 0, g, hPrevAll, 0, h, 0f, dw, 0, h);
        dWhh[p] = dw;
        float[][] di = input.backward(dGatesAll, xs[p], r0, rows, n, g, wi, dx);
        dWih[p] = di[0];
        dB[p] = di[1];
      });
      return new Tensor[] {dx == null ? null : Tensor.wrap(dx, t, n, in), Tensor.wrap(dh0, n, h), Tensor.wrap(dc0, n, h),
          Tensor.wrap(SequenceInput.sum(dWih), g, in), Tensor.wrap(SequenceInput.sum(dWhh), g, h), Tensor.wrap(SequenceInput.sum(dB), g)};
    });
  }
}
