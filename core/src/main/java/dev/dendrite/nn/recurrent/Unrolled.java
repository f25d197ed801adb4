package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.ops.sequence.Sequences;
import dev.dendrite.ops.sequence.TimeSteps;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RecurrentCell} stepped over a sequence: a one-layer, one-direction recurrent layer built
 * from any cell, as Keras's {@code RNN(cell)}. The built-in layers ({@link LSTM}, ...) compute the
 * same numbers faster (one product for all time steps' input projections); this one takes any cell.
 *
 * <p>Shapes: input (T, N, I), or (N, T, I) with {@code batchFirst} → output (T, N, H) (or (N, T,
 * H)); states (N, H). Padded batches as in {@link VariableLength}.
 */
public final class Unrolled extends Module implements VariableLength {
  /** Output sequence and final state. */
  public record Output(Tensor output, RecurrentCell.State state) {}

  private final RecurrentCell cell;
  private final boolean batchFirst;

  public Unrolled(RecurrentCell cell, boolean batchFirst) {
    this.cell = cell;
    this.batchFirst = batchFirst;
  }

  public RecurrentCell cell() {
    return cell;
  }

  @Override
  public boolean batchFirst() {
    return batchFirst;
  }

  @Override
  public Map<String, Module> children() {
    return Map.of("cell", cell);
  }

  @Override
  public Tensor forward(Tensor x) {
    return forwardWithState(x, null, null).output();
  }

  @Override
  public Tensor forward(Tensor x, int[] lengths) {
    if (lengths == null) throw new IllegalArgumentException(this + ": lengths must not be null");
    return forwardWithState(x, lengths, null).output();
  }

  /**
   * The whole result; {@code lengths} null for a batch without padding, {@code s0} null for zeros.
   */
  public Output forwardWithState(Tensor x, int[] lengths, RecurrentCell.State s0) {
    outputShape(x.shape());
    Tensor seq = batchFirst ? x.transpose(0, 1) : x; // (T, N, I)
    int t = seq.size(0), n = seq.size(1);
    Tensor[] masks = null;
    if (lengths != null) {
      lengths = Sequences.check(this, lengths, n, t);
      if (!Sequences.full(lengths, t)) {
        masks = Sequences.stepMasks(lengths, t);
        seq = Sequences.zeroPadding(seq, lengths);
      }
    }
    TimeSteps xs = new TimeSteps(seq);
    RecurrentCell.State s = s0;
    Tensor[] steps = new Tensor[t];
    for (int k = 0; k < t; k++) {
      RecurrentCell.State next = cell.step(xs.step(k), s);
      if (masks == null || masks[k] == null) {
        s = next;
        steps[k] = next.h();
      } else { // finished sequences keep their state and output zeros; never at k = 0 (lengths ≥
        // 1), so s is set
        Tensor c = next.c() == null ? null : Tensor.where(masks[k], next.c(), s.c());
        s = new RecurrentCell.State(Tensor.where(masks[k], next.h(), s.h()), c);
        steps[k] = Tensor.where(masks[k], next.h(), Tensor.scalar(0f));
      }
    }
    Tensor out = Tensor.stack(0, steps);
    return new Output(batchFirst ? out.transpose(0, 1) : out, s);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[2] != cell.inputSize) {
      throw new IllegalArgumentException(
          this
              + " needs ("
              + (batchFirst ? "N, T" : "T, N")
              + ", "
              + cell.inputSize
              + "), got "
              + Shape.str(s));
    }
    return new int[] {s[0], s[1], cell.hidden};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Unrolled",
          (f, rng) -> {
            if (!(f.module("cell") instanceof RecurrentCell cell)) {
              throw new IllegalArgumentException(
                  f.where() + ": \"cell\" must be a cell (RNNCell, LSTMCell, GRUCell)");
            }
            return new Unrolled(cell, f.bool("batchFirst", false));
          });

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Unrolled");
    m.put("cell", cell.spec());
    m.put("batchFirst", batchFirst);
    return m;
  }

  @Override
  public String toString() {
    return "Unrolled(" + cell + (batchFirst ? ", batchFirst=true" : "") + ")";
  }
}
