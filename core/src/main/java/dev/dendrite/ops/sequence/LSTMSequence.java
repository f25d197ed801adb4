package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/**
 * One direction of one LSTM layer over a whole sequence, padded or not, as a single differentiable
 * op.
 *
 * <p>Per step the work is small (N·4H·H multiply-adds and one fused gate pass), so splitting each
 * step's kernels across threads costs as much as it saves: measured, an LSTM trained no faster on
 * two threads than on one. Here the batch is split instead: each thread runs the whole recurrence,
 * and its backward through time, for its own rows, with single-threaded kernels. The weight
 * gradient is one product per thread over all steps, {@code dW_hh = Σ_t dGates_tᵀ·h_{t−1}}, rather
 * than a sum of T small products; the threads' parts are added in a fixed order, so a run repeats
 * bit for bit at a given thread count.
 *
 * <p>The input projection x·W_ihᵀ + b of all steps is one product per thread too, written straight
 * into the thread's gate blocks ({@link SequenceInput}).
 *
 * <p>In a padded batch each thread orders its rows longest first ({@link SequenceInput.Part}), so
 * step k multiplies and activates only the rows still running: the padding costs nothing, and a
 * finished row's state is simply the one its last real step left.
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0}, {@code c0} (N, H); W_ih (4H, I); W_hh (4H, H); bias
 * (4H) = b_ih + b_hh. Results: h_t of every step (T, N, H), in time order also for the reverse
 * direction, and h and c after each sequence's last step processed (N, H).
 *
 * <p>The final states are results of the same op, each with a gradient of its own, so that a model
 * that reads only the outputs (a classifier, a language model) hands backward a gradient of h
 * alone: with one (T, N, 2H) result, every backward pass built and scattered a zero gradient for
 * all the c's.
 */
public final class LSTMSequence implements RecurrentSequence {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  LSTMSequence() {}

  @Override
  public Result run(
      Tensor x,
      Tensor h0,
      Tensor c0,
      Tensor wih,
      Tensor whh,
      Tensor bih,
      Tensor bhh,
      int[] lengths,
      boolean reverse) {
    Tensor[] r = run(x, h0, c0, wih, whh, bih.add(bhh), lengths, reverse);
    return new Result(r[0], r[1], r[2]);
  }

  /** Returns {h of every step (T, N, H), final h (N, H), final c (N, H)}. */
  static Tensor[] run(
      Tensor x,
      Tensor h0,
      Tensor c0,
      Tensor wih,
      Tensor whh,
      Tensor bias,
      int[] lengths,
      boolean reverse) {
    int t = x.size(0), n = x.size(1), in = x.size(2), g = whh.size(0), h = g / 4;
    SequenceInput input = new SequenceInput(x, lengths, reverse);
    float[] wi = wih.toArray(),
        b = bias.toArray(),
        w = whh.toArray(),
        hInit = h0.toArray(),
        cInit = c0.toArray();
    // W_hhᵀ (H, 4H) laid out once: h·W_hhᵀ with few rows and a short depth runs ~3× faster from a
    // row-major B than from a transposed one (measured 162 against 56 GFLOPS at 32×512×128).
    float[] wt = SequenceInput.transpose(w, g, h);
    int[] from = SequenceInput.rowParts(n, lengths);
    int parts = from.length - 1;
    float[] out = new float[t * n * h], hLast = new float[n * h], cLast = new float[n * h];
    SequenceInput.Part[] layout = new SequenceInput.Part[parts];
    // Saved per part for backward: its input rows, the activated gates and [h ‖ c] of every step,
    // in processing order.
    float[][] xs = new float[parts][], acts = new float[parts][], states = new float[parts][];
    Parallel.forEach(
        parts,
        p -> {
          SequenceInput.Part q = input.part(from[p], from[p + 1] - from[p]);
          int all = q.start()[t];
          // Step k works in place in block k of act and hc: act's block holds its projected input,
          // gets
          // h·W_hhᵀ added and is activated there; its [h ‖ c] is written into hc's block, which
          // step
          // k + 1 reads its state from (block k + 1's rows are the first of block k's: longest
          // first).
          float[] xPart = input.rows(q), act = new float[all * g], hc = new float[all * 2 * h];
          float[] hFirst = q.gather(hInit, h), cFirst = q.gather(cInit, h);
          SequenceInput.project(xPart, all, in, wi, b, g, act);
          for (int k = 0; k < t; k++) {
            int rows = q.active()[k], ak = q.start()[k] * g, hk = q.start()[k] * 2 * h;
            // The previous state: block k − 1 of hc (rows 2H apart, c after h), or the initial one.
            float[] hs = k > 0 ? hc : hFirst, cs = k > 0 ? hc : cFirst;
            int prev = k > 0 ? q.start()[k - 1] * 2 * h : 0;
            int hOff = prev, cOff = k > 0 ? prev + h : 0, stride = k > 0 ? 2 * h : h;
            Gemm.sgemm(false, false, rows, g, h, 1f, hs, hOff, stride, wt, 0, g, 1f, act, ak, g);
            Gates.lstmForward(act, ak, cs, cOff, stride, rows, h, hc, hk, act, ak);
            input.put(q, k, hc, hk, 2 * h, out, n, h);
          }
          for (int i = 0; i < q.rows(); i++) {
            int last = q.last(i) * 2 * h, r = q.row()[i];
            System.arraycopy(hc, last, hLast, r * h, h);
            System.arraycopy(hc, last + h, cLast, r * h, h);
          }
          layout[p] = q;
          xs[p] = xPart;
          acts[p] = act;
          states[p] = hc;
        });
    Tensor hs = Tensor.wrap(out, t, n, h),
        hN = Tensor.wrap(hLast, n, h),
        cN = Tensor.wrap(cLast, n, h);
    Tensor[] inputs = {x, h0, c0, wih, whh, bias};
    if (java.util.Arrays.stream(inputs).noneMatch(Tensor::requiresGrad))
      return new Tensor[] {hs, hN, cN};
    return Tensor.custom(
        "lstmSequence",
        new Tensor[] {hs, hN, cN},
        inputs,
        new Tensor[0],
        ups -> {
          // A model that reads only h (a classifier, a language model) gives no gradient of the
          // final
          // states; one that reads only those gives none of h, read as zeros.
          Tensor up = ups[0] == null ? Tensor.zeros(t, n, h) : ups[0];
          float[] dhN = ups[1] == null ? null : ups[1].contiguous().toArray(),
              dcN = ups[2] == null ? null : ups[2].contiguous().toArray();
          Tensor uv = up.strides()[2] == 1 ? up : up.contiguous();
          float[] dOut = RAW.storage(uv);
          int uo = RAW.offset(uv), us0 = uv.strides()[0], us1 = uv.strides()[1];
          float[] dx = x.requiresGrad() ? new float[t * n * in] : null,
              dh0 = new float[n * h],
              dc0 = new float[n * h];
          float[][] dWih = new float[parts][], dB = new float[parts][], dWhh = new float[parts][];
          Parallel.forEach(
              parts,
              p -> {
                SequenceInput.Part q = layout[p];
                int all = q.start()[t];
                float[] act = acts[p], hc = states[p];
                float[] dGatesAll = SequenceInput.scratch(0, all * g),
                    hPrevAll = SequenceInput.scratch(1, all * h);
                // What the step after hands back; a row's final states' gradients enter at its last
                // real step.
                float[] dhNext = q.gather(dhN, h), dcNext = q.gather(dcN, h);
                float[] dhc = new float[q.rows() * 2 * h], dc = new float[q.rows() * h];
                for (int k = t - 1; k >= 0; k--) {
                  int rows = q.active()[k], ak = q.start()[k] * g, hk = q.start()[k] * 2 * h;
                  int prev = k > 0 ? q.start()[k - 1] * 2 * h : 0;
                  // h_{k−1} of each row, for dW_hh
                  if (k > 0) {
                    for (int i = 0; i < rows; i++)
                      System.arraycopy(hc, prev + i * 2 * h, hPrevAll, (q.start()[k] + i) * h, h);
                  } else {
                    System.arraycopy(q.gather(hInit, h), 0, hPrevAll, 0, rows * h);
                  }
                  // [dh ‖ dc] of each row: the gradient of this step's output and what the next
                  // step handed back
                  input.take(q, k, dOut, uo, us0, us1, dhc, 0, 2 * h, h);
                  for (int i = 0; i < rows; i++) {
                    Elementwise.axpy(dhc, i * 2 * h, 1f, dhNext, i * h, h);
                    System.arraycopy(dcNext, i * h, dhc, i * 2 * h + h, h);
                  }
                  // The state this step started from: block k − 1 of hc, or the initial one.
                  float[] cs = k > 0 ? hc : q.gather(cInit, h);
                  int cOff = k > 0 ? prev + h : 0, stride = k > 0 ? 2 * h : h;
                  Gates.lstmBackward(
                      dhc, act, ak, cs, cOff, stride, hc, hk, rows, h, dGatesAll, ak, dc);
                  Gemm.sgemm(
                      false, false, rows, h, g, 1f, dGatesAll, ak, g, w, 0, h, 0f, dhNext, 0,
                      h); // dh_{t−1} = dGates·W_hh
                  System.arraycopy(dc, 0, dcNext, 0, rows * h);
                }
                q.scatter(dhNext, dh0, h);
                q.scatter(dcNext, dc0, h);
                // dW_hh = Σ_k dGates_kᵀ·h_{k−1} as one product over all steps; likewise dW_ih, db
                // and dx.
                float[] dw = new float[g * h];
                Gemm.sgemm(
                    true, false, g, h, all, 1f, dGatesAll, 0, g, hPrevAll, 0, h, 0f, dw, 0, h);
                dWhh[p] = dw;
                float[][] di = input.backward(dGatesAll, xs[p], q, n, g, wi, dx);
                dWih[p] = di[0];
                dB[p] = di[1];
              });
          return new Tensor[] {
            dx == null ? null : Tensor.wrap(dx, t, n, in),
            Tensor.wrap(dh0, n, h),
            Tensor.wrap(dc0, n, h),
            Tensor.wrap(SequenceInput.sum(dWih), g, in),
            Tensor.wrap(SequenceInput.sum(dWhh), g, h),
            Tensor.wrap(SequenceInput.sum(dB), g)
          };
        });
  }
}
