package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.ops.sequence.CellStep;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recurrent cell on its own: one time step, as PyTorch's {@code nn.RNNCell}, {@code nn.LSTMCell}
 * and {@code nn.GRUCell}. Parameters {@code weight_ih} (G·H, I), {@code weight_hh} (G·H, H), {@code
 * bias_ih} and {@code bias_hh} (G·H), G the number of gates (1, 4 or 3), initialised U(−1/√H, 1/√H)
 * as PyTorch.
 *
 * <p>Shapes: input (N, I) or unbatched (I); state h (and c for an LSTM) (N, H) or (H). A missing
 * state is zero. {@link #forward} is one step from the zero state and returns h'.
 */
public abstract class RecurrentCell extends Module {
  /** A cell's state: h (N, H) and, for an LSTM, c (N, H); c is null otherwise. */
  public record State(Tensor h, Tensor c) {}

  final CellKind kind;
  final int inputSize, hidden;
  private final Map<String, Parameter> params = new LinkedHashMap<>();

  RecurrentCell(CellKind kind, int inputSize, int hidden, boolean bias, Rng rng) {
    if (inputSize < 1 || hidden < 1) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + ": sizes must be >= 1, got input "
              + inputSize
              + ", hidden "
              + hidden);
    }
    this.kind = kind;
    this.inputSize = inputSize;
    this.hidden = hidden;
    float bound = (float) (1 / Math.sqrt(hidden));
    int g = kind.gates * hidden;
    params.put("weight_ih", new Parameter(Tensor.uniform(rng, -bound, bound, g, inputSize)));
    params.put("weight_hh", new Parameter(Tensor.uniform(rng, -bound, bound, g, hidden)));
    if (bias) {
      params.put("bias_ih", new Parameter(Tensor.uniform(rng, -bound, bound, g)));
      params.put("bias_hh", new Parameter(Tensor.uniform(rng, -bound, bound, g)));
    }
  }

  public final int inputSize() {
    return inputSize;
  }

  public final int hiddenSize() {
    return hidden;
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return params;
  }

  /** One step from {@code s} (null, or null parts, for zeros) to the new state. */
  public State step(Tensor x, State s) {
    boolean unbatched = x.dim() == 1;
    if (!(x.dim() == 2 || unbatched) || x.size(-1) != inputSize) {
      throw new IllegalArgumentException(
          this
              + ": input must be (N, "
              + inputSize
              + ") or ("
              + inputSize
              + "), got "
              + Shape.str(x.shape()));
    }
    Tensor xb = unbatched ? x.unsqueeze(0) : x;
    int n = xb.size(0);
    Tensor h = state("h", s == null ? null : s.h(), n, unbatched);
    Tensor c = kind == CellKind.LSTM ? state("c", s == null ? null : s.c(), n, unbatched) : null;
    Tensor gx = xb.matmul(params.get("weight_ih").t());
    Tensor bih = params.get("bias_ih"), bhh = params.get("bias_hh");
    // As in Recurrent: outside the GRU, b_hh joins b_ih in the input's part, so cell and layer
    // agree bit for bit.
    boolean foldBhh = bhh != null && kind != CellKind.GRU;
    if (bih != null) gx = gx.add(foldBhh ? bih.add(bhh) : bih);
    CellStep.State out =
        CellStep.step(kind, gx, h, c, params.get("weight_hh").t(), foldBhh ? null : bhh, hidden);
    if (!unbatched) return new State(out.h(), out.c());
    return new State(out.h().squeeze(0), out.c() == null ? null : out.c().squeeze(0));
  }

  private Tensor state(String name, Tensor v, int n, boolean unbatched) {
    if (v == null) return Tensor.zeros(n, hidden);
    int[] want = unbatched ? new int[] {hidden} : new int[] {n, hidden};
    if (!java.util.Arrays.equals(v.shape(), want)) {
      throw new IllegalArgumentException(
          this + ": " + name + " must be " + Shape.str(want) + ", got " + Shape.str(v.shape()));
    }
    return unbatched ? v.unsqueeze(0) : v;
  }

  /** h' after one step from the zero state. */
  @Override
  public Tensor forward(Tensor x) {
    return step(x, null).h();
  }

  @Override
  public int[] outputShape(int[] s) {
    if (!(s.length == 2 || s.length == 1) || s[s.length - 1] != inputSize) {
      throw new IllegalArgumentException(
          this
              + ": input must be (N, "
              + inputSize
              + ") or ("
              + inputSize
              + "), got "
              + Shape.str(s));
    }
    return s.length == 1 ? new int[] {hidden} : new int[] {s[0], hidden};
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", getClass().getSimpleName());
    m.put("inputSize", inputSize);
    m.put("hiddenSize", hidden);
    m.put("bias", params.containsKey("bias_ih"));
    if (kind == CellKind.RNN_RELU) m.put("nonlinearity", "relu");
    return m;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "("
        + inputSize
        + ", "
        + hidden
        + (params.containsKey("bias_ih") ? "" : ", bias=false")
        + (kind == CellKind.RNN_RELU ? ", nonlinearity=relu" : "")
        + ")";
  }
}
