package dev.dendrite.nn.recurrent;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecFields;
import dev.dendrite.ops.sequence.CellKind;
import dev.dendrite.ops.sequence.RecurrentSequence;
import dev.dendrite.ops.sequence.Sequences;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
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
 * needs one product with the hidden state. Each direction of each layer runs through its cell
 * kind's {@link RecurrentSequence}, padded or not. Initialisation U(−1/√H, 1/√H), as PyTorch.
 *
 * <p>Dropout ({@link Config#dropout()}, the probability to drop) applies to the output of every
 * layer but the last, in training mode only, as PyTorch's {@code dropout} argument.
 *
 * <p>Padded batches: with {@code lengths} (one per sequence, each in [1, T]) the result is that of
 * PyTorch's {@code pack_padded_sequence(x, lengths, enforce_sorted=False)} unpacked with {@code
 * pad_packed_sequence(total_length=T)}: outputs are zero at padded steps, final states are those of
 * each sequence's last real step, the reverse direction reads each sequence backwards from its own
 * last step, and the padding's values affect neither outputs nor gradients.
 */
public abstract class Recurrent extends Module implements VariableLength {
  /**
   * The shape of a recurrent layer, PyTorch's constructor arguments: {@code of(inputSize,
   * hiddenSize)} gives one unidirectional time-major layer without dropout.
   */
  public record Config(
      int inputSize,
      int hiddenSize,
      int numLayers,
      boolean batchFirst,
      boolean bidirectional,
      float dropout) {
    public Config {
      if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
        throw new IllegalArgumentException(
            "recurrent layer: sizes must be >= 1, got input "
                + inputSize
                + ", hidden "
                + hiddenSize
                + ", layers "
                + numLayers);
      }
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException(
            "recurrent layer: dropout (the probability to drop) must be in [0, 1), got " + dropout);
    }

    public static Config of(int inputSize, int hiddenSize) {
      return new Config(inputSize, hiddenSize, 1, false, false, 0f);
    }

    public Config withLayers(int n) {
      return new Config(inputSize, hiddenSize, n, batchFirst, bidirectional, dropout);
    }

    public Config withBatchFirst(boolean on) {
      return new Config(inputSize, hiddenSize, numLayers, on, bidirectional, dropout);
    }

    public Config withBidirectional(boolean on) {
      return new Config(inputSize, hiddenSize, numLayers, batchFirst, on, dropout);
    }

    public Config withDropout(float p) {
      return new Config(inputSize, hiddenSize, numLayers, batchFirst, bidirectional, p);
    }
  }

  /** Output sequence and final states: h (layers·D, N, H) and, for an LSTM, c. */
  public record Output(Tensor output, Tensor h, Tensor c) {}

  final CellKind kind;
  final int inputSize, hidden, layers;
  final boolean batchFirst, bidirectional;
  final float dropout;
  final Rng dropoutRng; // null without dropout
  private final RecurrentSequence sequence;
  private final Map<String, Parameter> params = new LinkedHashMap<>();

  Recurrent(CellKind kind, Config cfg, Rng rng) {
    this.kind = kind;
    this.inputSize = cfg.inputSize();
    this.hidden = cfg.hiddenSize();
    this.layers = cfg.numLayers();
    this.batchFirst = cfg.batchFirst();
    this.bidirectional = cfg.bidirectional();
    this.dropout = cfg.dropout();
    this.sequence = RecurrentSequence.of(kind);
    float bound = (float) (1 / Math.sqrt(hidden));
    int dirs = bidirectional ? 2 : 1;
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? inputSize : hidden * dirs;
      for (int d = 0; d < dirs; d++) {
        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
        params.put(
            "weight_ih" + sfx,
            new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden, in)));
        params.put(
            "weight_hh" + sfx,
            new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden, hidden)));
        params.put(
            "bias_ih" + sfx,
            new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden)));
        params.put(
            "bias_hh" + sfx,
            new Parameter(Tensor.uniform(rng, -bound, bound, kind.gates * hidden)));
      }
    }
    // Drawn after the weights, and only with dropout, so layers without it initialise as before.
    this.dropoutRng = dropout > 0 ? rng.split() : null;
  }

  /** This layer's configuration. */
  public Config config() {
    return new Config(inputSize, hidden, layers, batchFirst, bidirectional, dropout);
  }

  @Override
  public boolean batchFirst() {
    return batchFirst;
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return params;
  }

  /** The output sequence only. */
  @Override
  public Tensor forward(Tensor x) {
    return run(x, null, null, null).output();
  }

  /** The output sequence of a padded batch, zero at the padded steps. */
  @Override
  public Tensor forward(Tensor x, int[] lengths) {
    return forwardWithState(x, lengths, null, null).output();
  }

  /** The whole result, from zero initial states. */
  public Output forwardWithState(Tensor x) {
    return run(x, null, null, null);
  }

  /** The whole result from given initial states h0 (and c0 for an LSTM), each (layers·D, N, H). */
  public Output forwardWithState(Tensor x, Tensor h0, Tensor c0) {
    return run(x, null, h0, c0);
  }

  /**
   * The whole result for a padded batch, sequence b being {@code lengths[b]} steps long; h0 and c0
   * may be null (zeros).
   */
  public Output forwardWithState(Tensor x, int[] lengths, Tensor h0, Tensor c0) {
    if (lengths == null) throw new IllegalArgumentException(this + ": lengths must not be null");
    return run(x, lengths, h0, c0);
  }

  private void checkState(String name, Tensor s, int n) {
    int dirs = bidirectional ? 2 : 1;
    if (s != null && !Arrays.equals(s.shape(), new int[] {layers * dirs, n, hidden})) {
      throw new IllegalArgumentException(
          this
              + ": "
              + name
              + " must be "
              + Shape.str(layers * dirs, n, hidden)
              + ", got "
              + Shape.str(s.shape()));
    }
  }

  private Output run(Tensor x, int[] lengths, Tensor h0, Tensor c0) {
    return run(x, lengths, h0, c0, sequence);
  }

  /**
   * The whole result with every direction of every layer run by {@code how}: the seam tests compare
   * strategies through.
   */
  Output run(Tensor x, int[] lengths, Tensor h0, Tensor c0, RecurrentSequence how) {
    int[] s = x.shape();
    if (s.length != 3 || s[2] != inputSize) {
      throw new IllegalArgumentException(
          this
              + " needs ("
              + (batchFirst ? "N, T" : "T, N")
              + ", "
              + inputSize
              + "), got "
              + Shape.str(s));
    }
    Tensor seq = batchFirst ? x.transpose(0, 1) : x; // (T, N, I)
    int t = seq.size(0), n = seq.size(1), dirs = bidirectional ? 2 : 1;
    checkState("h0", h0, n);
    if (kind == CellKind.LSTM) checkState("c0", c0, n);
    if (lengths != null) {
      lengths = Sequences.check(this, lengths, n, t);
      if (Sequences.full(lengths, t))
        lengths = null; // nothing is padded: the plain path, bit for bit
    }
    List<Tensor> hn = new ArrayList<>(), cn = new ArrayList<>();
    Tensor layerIn = seq;
    for (int l = 0; l < layers; l++) {
      if (l > 0 && dropout > 0)
        layerIn = Functional.dropout(layerIn, dropout, isTraining(), dropoutRng);
      List<Tensor> outs = new ArrayList<>();
      for (int d = 0; d < dirs; d++) {
        String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
        int idx = l * dirs + d;
        Tensor h = h0 == null ? Tensor.zeros(n, hidden) : h0.select(0, idx);
        Tensor c =
            kind == CellKind.LSTM
                ? (c0 == null ? Tensor.zeros(n, hidden) : c0.select(0, idx))
                : null;
        RecurrentSequence.Result r =
            how.run(
                layerIn,
                h,
                c,
                params.get("weight_ih" + sfx),
                params.get("weight_hh" + sfx),
                params.get("bias_ih" + sfx),
                params.get("bias_hh" + sfx),
                lengths,
                d == 1);
        outs.add(r.output());
        hn.add(r.h());
        if (r.c() != null) cn.add(r.c());
      }
      layerIn = dirs == 1 ? outs.get(0) : Tensor.cat(2, outs);
    }
    Tensor out = batchFirst ? layerIn.transpose(0, 1) : layerIn;
    return new Output(out, Tensor.stack(0, hn), kind == CellKind.LSTM ? Tensor.stack(0, cn) : null);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[2] != inputSize) {
      throw new IllegalArgumentException(
          this
              + " needs ("
              + (batchFirst ? "N, T" : "T, N")
              + ", "
              + inputSize
              + "), got "
              + Shape.str(s));
    }
    return new int[] {s[0], s[1], hidden * (bidirectional ? 2 : 1)};
  }

  /** A recurrent layer's fields in a spec, PyTorch's constructor arguments. */
  static Config config(SpecFields f) {
    return new Config(
        f.integer("inputSize"),
        f.integer("hiddenSize"),
        f.integer("numLayers", 1),
        f.bool("batchFirst", false),
        f.bool("bidirectional", false),
        (float) f.number("dropout", 0));
  }

  /** {@code "nonlinearity"}: "tanh" (the default) or "relu". */
  static boolean reluNonlinearity(SpecFields f) {
    String nl = f.string("nonlinearity", "tanh");
    if (!nl.equals("tanh") && !nl.equals("relu"))
      throw new IllegalArgumentException(
          f.where() + ": \"nonlinearity\" must be \"tanh\" or \"relu\", got " + nl);
    return nl.equals("relu");
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
    m.put("dropout", (double) dropout);
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
        + (layers > 1 ? ", numLayers=" + layers : "")
        + (batchFirst ? ", batchFirst=true" : "")
        + (bidirectional ? ", bidirectional=true" : "")
        + (dropout > 0 ? ", dropout=" + dropout : "")
        + (kind == CellKind.RNN_RELU ? ", nonlinearity=relu" : "")
        + ")";
  }
}
