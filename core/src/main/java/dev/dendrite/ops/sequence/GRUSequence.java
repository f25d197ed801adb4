package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.kernels.Reduce;
import dev.dendrite.tensor.Tensor;

/**
 * One direction of one GRU layer over a whole sequence, padded or not, as a single differentiable
 * op: the GRU counterpart of {@link LSTMSequence} (the batch split across threads, each running the
 * recurrence and its backward through time for its rows, longest first so that a padded step
 * computes only the rows still running; dW_hh and db_hh summed over all steps in one product and
 * one reduction per thread, the threads' parts added in a fixed order; the input projection x·W_ihᵀ
 * + b_ih of all steps one product per thread, see {@link SequenceInput}).
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0} (N, H); W_ih (3H, I); b_ih (3H); W_hh (3H, H); b_hh
 * (3H). Results: h after each time step (T, N, H), in time order, and after each sequence's last
 * step processed (N, H).
 */
public final class GRUSequence implements RecurrentSequence {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  GRUSequence() {}

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
    Tensor[] r = run(x, h0, wih, bih, whh, bhh, lengths, reverse);
    return new Result(r[0], r[1], null);
  }

  /** Returns {h of every step (T, N, H), final h (N, H)}. */
  static Tensor[] run(
      Tensor x,
      Tensor h0,
      Tensor wih,
      Tensor bih,
      Tensor whh,
      Tensor bhh,
      int[] lengths,
      boolean reverse) {
    int t = x.size(0), n = x.size(1), in = x.size(2), g = whh.size(0), h = g / 3;
    SequenceInput input = new SequenceInput(x, lengths, reverse);
    float[] wi = wih.toArray(),
        bi = bih.toArray(),
        w = whh.toArray(),
        wt = SequenceInput.transpose(w, g, h),
        hInit = h0.toArray();
    float[] bias = bhh.toArray();
    int[] from = SequenceInput.rowParts(n, lengths);
    int parts = from.length - 1;
    float[] out = new float[t * n * h], hLast = new float[n * h];
    SequenceInput.Part[] layout = new SequenceInput.Part[parts];
    float[][] xs = new float[parts][],
        acts = new float[parts][],
        ghs = new float[parts][],
        states = new float[parts][];
    Parallel.forEach(
        parts,
        p -> {
          SequenceInput.Part q = input.part(from[p], from[p + 1] - from[p]);
          int all = q.start()[t], part = q.rows();
          float[] xPart = input.rows(q), gxAll = new float[all * g];
          SequenceInput.project(xPart, all, in, wi, bi, g, gxAll);
          float[] act = new float[all * g], ghAll = new float[all * g], hs = new float[all * h];
          float[] gx = new float[part * g],
              gh = new float[part * g],
              hPrev = q.gather(hInit, h),
              hNew = new float[part * h],
              actK = new float[part * g];
          for (int k = 0; k < t; k++) {
            // The rows still running are the first of the part (longest first), so their previous
            // states are the first rows of hPrev.
            int rows = q.active()[k], s = q.start()[k];
            System.arraycopy(gxAll, s * g, gx, 0, rows * g);
            for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, gh, r * g, g);
            Gemm.sgemm(
                false, false, rows, g, h, 1f, hPrev, 0, h, wt, 0, g, 1f, gh, 0,
                g); // gh = h·W_hhᵀ + b_hh
            Gates.gruForward(gx, gh, hPrev, rows, h, hNew, actK);
            System.arraycopy(actK, 0, act, s * g, rows * g);
            System.arraycopy(gh, 0, ghAll, s * g, rows * g);
            System.arraycopy(hNew, 0, hs, s * h, rows * h);
            input.put(q, k, hNew, 0, h, out, n, h);
            System.arraycopy(hNew, 0, hPrev, 0, rows * h);
          }
          for (int i = 0; i < part; i++)
            System.arraycopy(hs, q.last(i) * h, hLast, q.row()[i] * h, h);
          layout[p] = q;
          xs[p] = xPart;
          acts[p] = act;
          ghs[p] = ghAll;
          states[p] = hs;
        });
    Tensor result = Tensor.wrap(out, t, n, h), hN = Tensor.wrap(hLast, n, h);
    Tensor[] inputs = {x, h0, wih, bih, whh, bhh};
    if (java.util.Arrays.stream(inputs).noneMatch(Tensor::requiresGrad))
      return new Tensor[] {result, hN};
    return Tensor.custom(
        "gruSequence",
        new Tensor[] {result, hN},
        inputs,
        new Tensor[0],
        ups -> {
          Tensor uc = ups[0] == null ? Tensor.zeros(t, n, h) : ups[0].contiguous();
          float[] dOut = RAW.array(uc), dhN = ups[1] == null ? null : ups[1].contiguous().toArray();
          int uo = RAW.offset(uc);
          float[] dx = x.requiresGrad() ? new float[t * n * in] : null, dh0 = new float[n * h];
          float[][] dWih = new float[parts][],
              dBih = new float[parts][],
              dW = new float[parts][],
              dB = new float[parts][];
          Parallel.forEach(
              parts,
              p -> {
                SequenceInput.Part q = layout[p];
                int all = q.start()[t], part = q.rows();
                float[] act = acts[p], ghAll = ghs[p], hs = states[p];
                float[] dGxAll = SequenceInput.scratch(0, all * g),
                    dGhAll = SequenceInput.scratch(2, all * g);
                float[] hPrevAll = SequenceInput.scratch(1, all * h);
                // What the step after hands back; a row's final state's gradient enters at its last
                // real step.
                float[] dhNext = q.gather(dhN, h),
                    dh = new float[part * h],
                    dgx = new float[part * g],
                    dgh = new float[part * g];
                float[] actK = new float[part * g],
                    ghK = new float[part * g],
                    hPrev = new float[part * h];
                for (int k = t - 1; k >= 0; k--) {
                  int rows = q.active()[k], s = q.start()[k];
                  if (k > 0) System.arraycopy(hs, q.start()[k - 1] * h, hPrev, 0, rows * h);
                  else System.arraycopy(q.gather(hInit, h), 0, hPrev, 0, rows * h);
                  System.arraycopy(hPrev, 0, hPrevAll, s * h, rows * h);
                  input.take(q, k, dOut, uo, n * h, h, dh, 0, h, h);
                  Elementwise.axpy(dh, 0, 1f, dhNext, 0, rows * h);
                  System.arraycopy(act, s * g, actK, 0, rows * g);
                  System.arraycopy(ghAll, s * g, ghK, 0, rows * g);
                  Gates.gruBackward(dh, actK, ghK, hPrev, rows, h, dgx, dgh, dhNext);
                  System.arraycopy(dgx, 0, dGxAll, s * g, rows * g);
                  System.arraycopy(dgh, 0, dGhAll, s * g, rows * g);
                  Gemm.sgemm(
                      false, false, rows, h, g, 1f, dgh, 0, g, w, 0, h, 1f, dhNext, 0,
                      h); // dh_{t−1} = z ⊙ dh + dgh·W_hh
                }
                q.scatter(dhNext, dh0, h);
                float[] dw = new float[g * h], db = new float[g];
                Gemm.sgemm(true, false, g, h, all, 1f, dGhAll, 0, g, hPrevAll, 0, h, 0f, dw, 0, h);
                Reduce.sum(db, 0, dGhAll, 0, 1, all, g);
                dW[p] = dw;
                dB[p] = db;
                float[][] di = input.backward(dGxAll, xs[p], q, n, g, wi, dx);
                dWih[p] = di[0];
                dBih[p] = di[1];
              });
          return new Tensor[] {
            dx == null ? null : Tensor.wrap(dx, t, n, in),
            Tensor.wrap(dh0, n, h),
            Tensor.wrap(SequenceInput.sum(dWih), g, in),
            Tensor.wrap(SequenceInput.sum(dBih), g),
            Tensor.wrap(SequenceInput.sum(dW), g, h),
            Tensor.wrap(SequenceInput.sum(dB), g)
          };
        });
  }
}
