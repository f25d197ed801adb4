package dev.dendrite.ops;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.kernels.Reduce;
import dev.dendrite.tensor.Tensor;

/**
 * One direction of one GRU layer over a whole unpadded sequence, as a single differentiable op: the
 * GRU counterpart of {@link LSTMSequence} (the batch split across threads, each running the
 * recurrence and its backward through time for its rows; dW_hh and db_hh summed over all steps in
 *
 * one product and one reduction per thread, the threads' parts added in a fixed order; the input
 * projection x·W_ihᵀ + b_ih of all steps one product per thread, see {@link SequenceInput}).
 *
 * <p>Shapes: {@code x} (T, N, I); {@code h0} (N, H); W_ih (3H, I); b_ih (3H); W_hh (3H, H); b_hh
 * (3H). Output (T, N, H): h after each time step, in time order.
 */
public final class GRUSequence {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();

  private GRUSequence() {}

  public static Tensor run(Tensor x, Tensor h0, Tensor wih, Tensor bih, Tensor whh, Tensor bhh, boolean reverse) {
    int t = x.size(0), n = x.size(1), in = x.size(2), g = whh.size(0), h = g / 3;
    SequenceInput input = new SequenceInput(x, reverse);
    float[] wi = wih.toArray(), bi = bih.toArray(), w = whh.toArray(), wt = SequenceInput.transpose(w, g, h), hInit = h0.toArray();
    float[] bias = bhh.toArray();
    int[] from = LSTMSequence.rowParts(n);
    int parts = from.length - 1;
    float[] out = new float[t * n * h];
    float[][] xs = new float[parts][], acts = new float[parts][], ghs = new float[parts][], states = new float[parts][];
    Parallel.forEach(parts, p -> {
      int r0 = from[p], rows = from[p + 1] - r0;
      float[] xPart = input.rows(r0, rows), gxAll = new float[t * rows * g];
      SequenceInput.project(xPart, t * rows, in, wi, bi, g, gxAll);
      float[] act = new float[t * rows * g], ghAll = new float[t * rows * g], hs = new float[t * rows * h];
      float[] gx = new float[rows * g], gh = new float[rows * g], hPrev = new float[rows * h], hNew = new float[rows * h], actK = new float[rows * g];
      System.arraycopy(hInit, r0 * h, hPrev, 0, rows * h);
      for (int k = 0; k < t; k++) {
        int step = input.step(k);
        System.arraycopy(gxAll, k * rows * g, gx, 0, rows * g);
        for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, gh, r * g, g);
        Gemm.sgemm(false, false, rows, g, h, 1f, hPrev, 0, h, wt, 0, g, 1f, gh, 0, g); // gh = h·W_hhᵀ + b_hh
        Gates.gruForward(gx, gh, hPrev, rows, h, hNew, actK);
        System.arraycopy(actK, 0, act, k * rows * g, rows * g);
        System.arraycopy(gh, 0, ghAll, k * rows * g, rows * g);
        System.arraycopy(hNew, 0, hs, k * rows * h, rows * h);
        System.arraycopy(hNew, 0, out, (step * n + r0) * h, rows * h);
        System.arraycopy(hNew, 0, hPrev, 0, rows * h);
      }
      xs[p] = xPart;
      acts[p] = act;
      ghs[p] = ghAll;
      states[p] = hs;
    });
    Tensor result = Tensor.wrap(out, t, n, h);
    Tensor[] inputs = {x, h0, wih, bih, whh, bhh};
    if (java.util.Arrays.stream(inputs).noneMatch(Tensor::requiresGrad)) return result;
    return Tensor.custom("gruSequence", result, inputs, new Tensor[0], up -> {
      Tensor uc = up.contiguous();
      float[] dOut = RAW.array(uc);
      int uo = RAW.offset(uc);
      float[] dx = x.requiresGrad() ? new float[t * n * in] : null, dh0 = new float[n * h];
      float[][] dWih = new float[parts][], dBih = new float[parts][], dW = new float[parts][], dB = new float[parts][];
      Parallel.forEach(parts, p -> {
        int r0 = from[p], rows = from[p + 1] - r0;
        float[] act = acts[p], ghAll = ghs[p], hs = states[p];
        float[] dGxAll = SequenceInput.scratch(0, t * rows * g), dGhAll = SequenceInput.scratch(2, t * rows * g);
        float[] hPrevAll = SequenceInput.scratch(1, t * rows * h);
        float[] dhNext = new float[rows * h], dh = new float[rows * h], dgx = new float[rows * g], dgh = new float[rows * g];
        float[] actK = new float[rows * g], ghK = new float[rows * g], hPrev = new float[rows * h];
        for (int k = t - 1; k >= 0; k--) {
          int step = input.step(k);
          if (k > 0) System.arraycopy(hs, (k - 1) * rows * h, hPrev, 0, rows * h);
          else System.arraycopy(hInit, r0 * h, hPrev, 0, rows * h);
          System.arraycopy(hPrev, 0, hPrevAll, k * rows * h, rows * h);
          System.arraycopy(dOut, uo + (step * n + r0) * h, dh, 0, rows * h);
          Elementwise.axpy(dh, 0, 1f, dhNext, 0, rows * h);
          System.arraycopy(act, k * rows * g, actK, 0, rows * g);
          System.arraycopy(ghAll, k * rows * g, ghK, 0, rows * g);
          Gates.gruBackward(dh, actK, ghK, hPrev, rows, h, dgx, dgh, dhNext);
          System.arraycopy(dgx, 0, dGxAll, k * rows * g, rows * g);
          System.arraycopy(dgh, 0, dGhAll, k * rows * g, rows * g);
          Gemm.sgemm(false, false, rows, h, g, 1f, dgh, 0, g, w, 0, h, 1f, dhNext, 0, h); // dh_{t−1} = z ⊙ dh + dgh·W_hh
        }
        System.arraycopy(dhNext, 0, dh0, r0 * h, rows * h);
        float[] dw = new float[g * h], db = new float[g];
        Gemm.sgemm(true, false, g, h, t * rows, 1f, dGhAll, 0, g, hPrevAll, 0, h, 0f, dw, 0, h);
        Reduce.sum(db, 0, dGhAll, 0, 1, t * rows, g);
        dW[p] = dw;
        dB[p] = db;
        float[][] di = input.backward(dGxAll, xs[p], r0, rows, n, g, wi, dx);
        dWih[p] = di[0];
        dBih[p] = di[1];
      });
      return new Tensor[] {dx == null ? null : Tensor.wrap(dx, t, n, in), Tensor.wrap(dh0, n, h), Tensor.wrap(SequenceInput.sum(dWih), g, in),
          Tensor.wrap(SequenceInput.sum(dBih), g), Tensor.wrap(SequenceInput.sum(dW), g, h), Tensor.wrap(SequenceInput.sum(dB), g)};
    });
  }
}
