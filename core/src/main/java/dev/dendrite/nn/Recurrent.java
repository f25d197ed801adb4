package dev.dendrite.nn;

import dev.dendrite.kernels.Cells;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-layer, optionally bidirectional recurrent layers with PyTorch's semantics and parameter
 * names ({@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, and
 * {@code _reverse} for the backward direction), so PyTorch weights load by name.
 *
 * <p>Shapes: input (T, N, I), or (N, T, I) with {@code batchFirst}; output (T, N, D·H) (D = 2 when
 * bidirectional: [forward ‖ reverse]); states (layers·D, N, H) whatever {@code batchFirst} is. The
 * input projection of all time steps is one matrix product before the recurrence; each step then
 * needs one product with the hidden state. Initialisation U(−1/√H, 1/√H), as PyTorch.
 */
public abstract class Recurrent extends Module {
  /** The cell kind: number of gates and the step function. */
  enum Kind { RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);
    final int gates;
    Kind(int g) { gates = g; }
  }

  /** Output sequence and final states: h (layers·D, N, H) and, for an LSTM, c. */
  public record Output(Tensor output, Tensor h, Tensor c) {}

  private final Kind kind;
  final int inputSize, hidden, layers;
  final boolean batchFirst, bidirectional;
  private final Map<String, Parameter> params = new LinkedHashMap<>();

  Recurrent(Kind kind, int inputSize, int hidden, int layers, boolean batchFirst, boolean bidirectional, Rng rng) {
    if (inputSize < 1 || hidden < 1 || layers < 1) throw new IllegalArgumentException(kind + ": sizes must be >= 1");
    this.kind = kind;
    this.inputSize = inputSize;
    this.hidden = hidden;
    this.layers = layers;
    this.batchFirst = batchFirst;
    this.bidirectional = bidirectional;
    float bound = (float) (1 / Math.sqrt(hidden));
    int dirs = bidirectional ? 2 : 1;
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? inputSize : hidden * dirs;
      for (int d = 0; d < dirs; d++) {
        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
        params.put("weight_ih" + sfx, new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden, in)));
        params.put("weight_hh" + sfx, new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden, hidden)));
        params.put("bias_ih" + sfx, new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden)));
        params.put("bias_hh" + sfx, new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden)));
      }
    }
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return params;
  }

  /** The output sequence only. */
  @Override
  public Tensor forward(Tensor x) {
    return run(x, null, null).output();
  }

  /** The whole result, from zero initial states. */
  public Output forwardWithState(Tensor x) {
    return run(x, null, null);
  }

  /** The whole result from given initial states h0 (and c0 for an LSTM), each (layers·D, N, H). */
  public Output forwardWithState(Tensor x, Tensor h0, Tensor c0) {
    return run(x, h0, c0);
  }

  private Output run(Tensor x, Tensor h0, Tensor c0) {
    int[] s = x.shape();
    if (s.length != 3 || s[2] != inputSize) {
      throw new IllegalArgumentException(this + " needs (" + (batchFirst ? "N, T" : "T, N") + ", " + inputSize + "), got " + Shape.str(s));
    }
    Tensor seq = batchFirst ? x.transpose(0, 1) : x; // (T, N, I)
    int t = seq.size(0), n = seq.size(1), dirs = bidirectional ? 2 : 1;
    if (h0 != null && !java.util.Arrays.equals(h0.shape(), new int[] {layers * dirs, n, hidden})) {
      throw new IllegalArgumentException(this + ": h0 must be " + Shape.str(layers * dirs, n, hidden) + ", got " + Shape.str(h0.shape()));
    }
    List<Tensor> hn = new ArrayList<>(), cn = new ArrayList<>();
    Tensor layerIn = seq;
    for (int l = 0; l < layers; l++) {
      List<Tensor> outs = new ArrayList<>();
      for (int d = 0; d < dirs; d++) {
        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
        int idx = l * dirs + d;
        Tensor h = h0 == null ? Tensor.zeros(n, hidden) : h0.select(0, idx);
        Tensor c = kind == Kind.LSTM ? (c0 == null ? Tensor.zeros(n, hidden) : c0.select(0, idx)) : null;
        Tensor wih = params.get("weight_ih" + sfx), whh = params.get("weight_hh" + sfx);
        Tensor bih = params.get("bias_ih" + sfx), bhh = params.get("bias_hh" + sfx);
        // All time steps' input projections in one product: (T·N, in) · W_ihᵀ.
        Tensor xp = layerIn.reshape(t * n, layerIn.size(2)).matmul(wih.t()).add(bih).reshape(t, n, kind.gates * hidden);
        TimeSteps xs = new TimeSteps(xp);
        Tensor[] steps = new Tensor[t];
        for (int k = 0; k < t; k++) {
          int step = d == 0 ? k : t - 1 - k;
          Tensor gx = xs.step(step), gh = h.matmul(whh.t()).add(bhh);
          switch (kind) {
            case LSTM -> {
              Tensor hc = lstmCell(gx.add(gh), c, n);
              h = hc.slice(1, 0, hidden);
              c = hc.slice(1, hidden, 2 * hidden);
            }
            case GRU -> {
              Tensor r = gx.slice(1, 0, hidden).add(gh.slice(1, 0, hidden)).sigmoid();
              Tensor z = gx.slice(1, hidden, 2 * hidden).add(gh.slice(1, hidden, 2 * hidden)).sigmoid();
              Tensor nn = gx.slice(1, 2 * hidden, 3 * hidden).add(r.mul(gh.slice(1, 2 * hidden, 3 * hidden))).tanh();
              h = Tensor.scalar(1f).sub(z).mul(nn).add(z.mul(h));
            }
            case RNN_TANH -> h = gx.add(gh).tanh();
            case RNN_RELU -> h = gx.add(gh).relu();
          }
          steps[step] = h;
        }
        outs.add(Tensor.stack(0, steps)); // (T, N, H)
        hn.add(h);
        if (c != null) cn.add(c);
      }
      layerIn = dirs == 1 ? outs.get(0) : Tensor.cat(2, outs);
    }
    Tensor out = batchFirst ? layerIn.transpose(0, 1) : layerIn;
    return new Output(out, Tensor.stack(0, hn), kind == Kind.LSTM ? Tensor.stack(0, cn) : null);
  }

  /**
   * The time steps of a (T, N, G) tensor as separate differentiable tensors whose gradients are
   * gathered in one buffer: slicing each step out of the graph would give every step a full-size
   * gradient in backward, O(T²) work for a sequence. Here the steps' backward passes add into the
   * buffer and a single anchor node hands it to the source once, after all of them (the engine runs
   * a node only after all its consumers).
   */
  private static final class TimeSteps {
    private final float[] values, grad;
    private final int len, n, g;
    private final Tensor anchor;

    TimeSteps(Tensor x) {
      this.n = x.size(1);
      this.g = x.size(2);
      this.len = n * g;
      this.values = x.contiguous().toArray();
      this.grad = new float[values.length];
      int[] shape = x.shape();
      this.anchor = Tensor.custom("timeSteps", Tensor.scalar(0f), new Tensor[] {x}, new Tensor[0], up -> {
        Tensor full = Tensor.wrap(grad.clone(), shape);
        java.util.Arrays.fill(grad, 0f); // ready for a retained graph's next backward
        return new Tensor[] {full};
      });
    }

    Tensor step(int t) {
      Tensor v = Tensor.wrap(java.util.Arrays.copyOfRange(values, t * len, (t + 1) * len), n, g);
      if (!anchor.requiresGrad()) return v;
      return Tensor.custom("timeStep", v, new Tensor[] {anchor}, new Tensor[0], up -> {
        float[] u = up.contiguous().toArray();
        for (int i = 0; i < len; i++) grad[t * len + i] += u[i];
        return new Tensor[] {Tensor.scalar(0f)};
      });
    }
  }

  /**
   * One LSTM step as a single fused op: gate pre-activations (N, 4H) and c (N, H) in, [h' ‖ c']
   * (N, 2H) out; its backward is one pass as well ({@link Cells}).
   */
  private Tensor lstmCell(Tensor gates, Tensor c, int n) {
    int hh = hidden;
    Tensor gt = gates.contiguous(), ct = c.contiguous();
    float[] gd = gt.toArray(), cd = ct.toArray();
    float[] hc = new float[n * 2 * hh], act = new float[n * 4 * hh];
    Cells.lstmForward(gd, cd, n, hh, hc, act);
    Tensor out = Tensor.wrap(hc, n, 2 * hh);
    return Tensor.custom("lstmCell", out, new Tensor[] {gates, c}, new Tensor[0], g -> {
      float[] dhc = g.contiguous().toArray();
      float[] dGates = new float[n * 4 * hh], dc = new float[n * hh];
      Cells.lstmBackward(dhc, act, cd, hc, n, hh, dGates, dc);
      return new Tensor[] {Tensor.wrap(dGates, n, 4 * hh), Tensor.wrap(dc, n, hh)};
    });
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[2] != inputSize) {
      throw new IllegalArgumentException(this + " needs (" + (batchFirst ? "N, T" : "T, N") + ", " + inputSize + "), got " + Shape.str(s));
    }
    return new int[] {s[0], s[1], hidden * (bidirectional ? 2 : 1)};
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", getClass().getSimpleName());
    m.put("inputSize", inputSize);
    m.put("hiddenSize", hidden);
    m.put("numLayers", layers);
    m.put("batchFirst", batchFirst);
    m.put("bidirectional", bidirectional);
    return m;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + inputSize + ", " + hidden + (layers > 1 ? ", numLayers=" + layers : "")
        + (batchFirst ? ", batchFirst=true" : "") + (bidirectional ? ", bidirectional=true" : "") + ")";
  }
}
