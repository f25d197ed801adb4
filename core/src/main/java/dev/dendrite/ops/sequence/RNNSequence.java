package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/**
 * One direction of one plain (Elman) RNN layer over a whole sequence, padded or not, as a single
 * differentiable op: {@code h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)}, or ReLU. The plain cell's
 * counterpart of {@link LSTMSequence}: the batch split across threads, each running the recurrence
 * and its backward through time for its rows, longest first so that a padded step computes only the
 * rows still running; dW_hh one product per thread over all steps; the input projection of all
 * steps one product per thread ({@link SequenceInput}).
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0} (N, H); W_ih (H, I); W_hh (H, H); bias (H) = b_ih +
 * b_hh. Results: h after each time step (T, N, H), in time order, and after each sequence's last
 * step processed (N, H).
 */
public final class RNNSequence implements RecurrentSequence {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  private final boolean relu;

  RNNSequence(boolean relu) {
    this.relu = relu;
  }

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
    Tensor[] r = run(x, h0, wih, whh, bih.add(bhh), lengths, reverse, relu);
    return new Result(r[0], r[1], null);
  }

  /** Returns {h of every step (T, N, H), final h (N, H)}. */
  static Tensor[] run(
      Tensor x,
      Tensor h0,
      Tensor wih,
      Tensor whh,
      Tensor bias,
      int[] lengths,
      boolean reverse,
      boolean relu) {
    int t = x.size(0), n = x.size(1), in = x.size(2), h = whh.size(0);
    SequenceInput input = new SequenceInput(x, lengths, reverse);
    float[] wi = wih.toArray(),
        b = bias.toArray(),
        w = whh.toArray(),
        wt = SequenceInput.transpose(w, h, h),
        hInit = h0.toArray();
    int[] from = SequenceInput.rowParts(n, lengths);
    int parts = from.length - 1;
    float[] out = new float[t * n * h], hLast = new float[n * h];
    SequenceInput.Part[] layout = new SequenceInput.Part[parts];
    // Saved per part for backward: its input rows, and h of every step in processing order.
    float[][] xs = new float[parts][], states = new float[parts][];
    Parallel.forEach(
        parts,
        p -> {
          SequenceInput.Part q = input.part(from[p], from[p + 1] - from[p]);
          int all = q.start()[t];
          // Block k of hs holds step k's projected input, gets h·W_hhᵀ added and becomes h_k in
          // place;
          // step k + 1 reads its state from it (block k + 1's rows are the first of block k's).
          float[] xPart = input.rows(q), hs = new float[all * h], hFirst = q.gather(hInit, h);
          SequenceInput.project(xPart, all, in, wi, b, h, hs);
          for (int k = 0; k < t; k++) {
            int rows = q.active()[k], hk = q.start()[k] * h;
            float[] prev = k > 0 ? hs : hFirst;
            Gemm.sgemm(
                false,
                false,
                rows,
                h,
                h,
                1f,
                prev,
                k > 0 ? q.start()[k - 1] * h : 0,
                h,
                wt,
                0,
                h,
                1f,
                hs,
                hk,
                h);
            Gates.rnnForward(hs, hk, rows * h, relu);
            input.put(q, k, hs, hk, h, out, n, h);
          }
          for (int i = 0; i < q.rows(); i++)
            System.arraycopy(hs, q.last(i) * h, hLast, q.row()[i] * h, h);
          layout[p] = q;
          xs[p] = xPart;
          states[p] = hs;
        });
    Tensor result = Tensor.wrap(out, t, n, h), hN = Tensor.wrap(hLast, n, h);
    Tensor[] inputs = {x, h0, wih, whh, bias};
    if (java.util.Arrays.stream(inputs).noneMatch(Tensor::requiresGrad))
      return new Tensor[] {result, hN};
    return Tensor.custom(
        relu ? "rnnReluSequence" : "rnnTanhSequence",
        new Tensor[] {result, hN},
        inputs,
        new Tensor[0],
        ups -> {
          Tensor uc = ups[0] == null ? Tensor.zeros(t, n, h) : ups[0].contiguous();
          float[] dOut = RAW.array(uc), dhN = ups[1] == null ? null : ups[1].contiguous().toArray();
          int uo = RAW.offset(uc);
          float[] dx = x.requiresGrad() ? new float[t * n * in] : null, dh0 = new float[n * h];
          float[][] dWih = new float[parts][], dB = new float[parts][], dWhh = new float[parts][];
          Parallel.forEach(
              parts,
              p -> {
                SequenceInput.Part q = layout[p];
                int all = q.start()[t];
                float[] hs = states[p];
                float[] dPreAll = SequenceInput.scratch(0, all * h),
                    hPrevAll = SequenceInput.scratch(1, all * h);
                // What the step after hands back; a row's final state's gradient enters at its last
                // real step.
                float[] dhNext = q.gather(dhN, h), dh = new float[q.rows() * h];
                for (int k = t - 1; k >= 0; k--) {
                  int rows = q.active()[k], hk = q.start()[k] * h;
                  if (k > 0) System.arraycopy(hs, q.start()[k - 1] * h, hPrevAll, hk, rows * h);
                  else System.arraycopy(q.gather(hInit, h), 0, hPrevAll, 0, rows * h);
                  input.take(q, k, dOut, uo, n * h, h, dh, 0, h, h);
                  Elementwise.axpy(dh, 0, 1f, dhNext, 0, rows * h);
                  Gates.rnnBackward(dh, 0, hs, hk, rows * h, relu, dPreAll, hk);
                  Gemm.sgemm(
                      false, false, rows, h, h, 1f, dPreAll, hk, h, w, 0, h, 0f, dhNext, 0,
                      h); // dh_{t−1} = dPre·W_hh
                }
                q.scatter(dhNext, dh0, h);
                float[] dw = new float[h * h];
                Gemm.sgemm(true, false, h, h, all, 1f, dPreAll, 0, h, hPrevAll, 0, h, 0f, dw, 0, h);
                dWhh[p] = dw;
                float[][] di = input.backward(dPreAll, xs[p], q, n, h, wi, dx);
                dWih[p] = di[0];
                dB[p] = di[1];
              });
          return new Tensor[] {
            dx == null ? null : Tensor.wrap(dx, t, n, in),
            Tensor.wrap(dh0, n, h),
            Tensor.wrap(SequenceInput.sum(dWih), h, in),
            Tensor.wrap(SequenceInput.sum(dWhh), h, h),
            Tensor.wrap(SequenceInput.sum(dB), h)
          };
        });
  }
}
