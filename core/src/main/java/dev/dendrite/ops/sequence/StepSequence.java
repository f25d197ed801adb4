package dev.dendrite.ops.sequence;

import dev.dendrite.tensor.Tensor;

/**
 * A recurrent layer's direction run one time step at a time as ordinary tensor ops ({@link
 * CellStep}), with padding masked by {@code where} (not a product, so that inf or NaN in the
 * padding still gives zeros): the reference the fused sequence ops are tested against, built from
 * the same step the cells on their own use.
 */
public final class StepSequence implements RecurrentSequence {
  private final CellKind kind;

  public StepSequence(CellKind kind) {
    this.kind = kind;
  }

  @Override
  public Result run(
      Tensor x,
      Tensor h,
      Tensor c,
      Tensor wih,
      Tensor whh,
      Tensor bih,
      Tensor bhh,
      int[] lengths,
      boolean reverse) {
    int t = x.size(0), n = x.size(1), hidden = whh.size(1);
    Tensor[] masks = null;
    if (lengths != null) {
      masks = Sequences.stepMasks(lengths, t);
      x = Sequences.zeroPadding(x, lengths);
    }
    // All time steps' input projections in one product: (T·N, in) · W_ihᵀ.
    // Outside the GRU (whose b_hn sits inside r ⊙ (W_hn·h + b_hn)), b_hh joins b_ih here, once for
    // all steps, instead of a broadcast add (and its sum over the batch in backward) every step.
    boolean foldBhh = kind != CellKind.GRU;
    Tensor xp =
        x.reshape(t * n, x.size(2))
            .matmul(wih.t())
            .add(foldBhh ? bih.add(bhh) : bih)
            .reshape(t, n, kind.gates * hidden);
    Tensor stepBhh = foldBhh ? null : bhh;
    // A padded batch runs its reverse direction forwards over sequences reversed within their
    // lengths.
    boolean reversedPadded = masks != null && reverse;
    TimeSteps xs = new TimeSteps(xp, reversedPadded ? lengths : null);
    // W_hhᵀ laid out once for all steps (see LSTMSequence): a row-major B for every step's product.
    Tensor whhT = whh.t().contiguous();
    Tensor[] steps = new Tensor[t];
    for (int k = 0; k < t; k++) {
      int step = !reverse || reversedPadded ? k : t - 1 - k;
      CellStep.State next = CellStep.step(kind, xs.step(step), h, c, whhT, stepBhh, hidden);
      if (masks == null || masks[k] == null) {
        h = next.h();
        c = next.c();
        steps[step] = h;
      } else { // finished sequences keep their state and output zeros
        h = Tensor.where(masks[k], next.h(), h);
        if (c != null) c = Tensor.where(masks[k], next.c(), c);
        steps[step] = Tensor.where(masks[k], next.h(), Tensor.scalar(0f));
      }
    }
    Tensor o = Tensor.stack(0, steps); // (T, N, H)
    return new Result(reversedPadded ? Sequences.reverse(o, lengths, false) : o, h, c);
  }
}
