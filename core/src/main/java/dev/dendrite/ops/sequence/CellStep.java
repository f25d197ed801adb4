package dev.dendrite.ops.sequence;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Gates;
import dev.dendrite.tensor.Tensor;

/**
 * One time step of each cell kind, shared by the step-by-step sequence strategy ({@link
 * StepSequence}, the fused ops' reference) and the cells on their own (RNNCell, LSTMCell, GRUCell),
 * so both compute the same numbers. The input's part of the gate pre-activations, {@code gx =
 * x·W_ihᵀ + b_ih} (N, G·H), comes in ready: the layers compute it for all time steps in one
 * product.
 */
public final class CellStep {
  /** h (N, H) and, for an LSTM, c (N, H); c is null otherwise. */
  public record State(Tensor h, Tensor c) {}

  private CellStep() {}

  /**
   * The new state from {@code gx} (N, G·H) and the old state; {@code whhT} is W_hhᵀ (H, G·H), a
   * view or (for a whole sequence) a contiguous copy made once; {@code bhh} may be null.
   */
  public static State step(
      CellKind kind, Tensor gx, Tensor h, Tensor c, Tensor whhT, Tensor bhh, int hidden) {
    Tensor gh = h.matmul(whhT);
    if (bhh != null) gh = gh.add(bhh);
    return switch (kind) {
      case LSTM -> {
        Tensor hc = lstm(gx, gh, c, gx.size(0), hidden);
        yield new State(hc.slice(1, 0, hidden), hc.slice(1, hidden, 2 * hidden));
      }
      case GRU -> {
        Tensor r = gx.slice(1, 0, hidden).add(gh.slice(1, 0, hidden)).sigmoid();
        Tensor z = gx.slice(1, hidden, 2 * hidden).add(gh.slice(1, hidden, 2 * hidden)).sigmoid();
        Tensor nn =
            gx.slice(1, 2 * hidden, 3 * hidden)
                .add(r.mul(gh.slice(1, 2 * hidden, 3 * hidden)))
                .tanh();
        yield new State(Tensor.scalar(1f).sub(z).mul(nn).add(z.mul(h)), null);
      }
      case RNN_TANH -> new State(gx.add(gh).tanh(), null);
      case RNN_RELU -> new State(gx.add(gh).relu(), null);
    };
  }

  /**
   * One LSTM step as a single fused op: the two parts of the gate pre-activations, gx and gh (N,
   * 4H), and c (N, H) in, [h' ‖ c'] (N, 2H) out; its backward is one pass as well ({@link Gates}),
   * and hands gx and gh the same gradient.
   */
  private static Tensor lstm(Tensor gx, Tensor gh, Tensor c, int n, int hh) {
    float[] gd = gx.toArray(), cd = c.toArray();
    Elementwise.axpy(gd, 0, 1f, gh.contiguous().toArray(), 0, gd.length);
    float[] hc = new float[n * 2 * hh], act = new float[n * 4 * hh];
    Gates.lstmForward(gd, cd, n, hh, hc, act);
    Tensor out = Tensor.wrap(hc, n, 2 * hh);
    return Tensor.custom(
        "lstmCell",
        out,
        new Tensor[] {gx, gh, c},
        new Tensor[0],
        g -> {
          float[] dhc = g.toArray();
          float[] dGates = new float[n * 4 * hh], dc = new float[n * hh];
          Gates.lstmBackward(dhc, act, cd, hc, n, hh, dGates, dc);
          Tensor d = Tensor.wrap(dGates, n, 4 * hh);
          return new Tensor[] {d, d, Tensor.wrap(dc, n, hh)};
        });
  }
}
