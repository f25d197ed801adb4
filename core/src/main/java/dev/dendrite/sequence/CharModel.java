package dev.dendrite.sequence;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Vocabulary;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A character-level language model: one-hot characters → LSTM → Linear over the vocabulary, the
 * logits of the next character at every step (Karpathy's char-rnn).
 *
 * <p>Shapes: input (N, T) character indices, one-hot encoded to (N, T, V); logits (N, T, V), V the
 * vocabulary size. The network is {@code Sequential(LSTM(V, H, layers, batchFirst), Linear(H, V))},
 * so its weights carry PyTorch's names ({@code 0.weight_ih_l0}, {@code 1.weight}); the vocabulary
 * is saved beside them in the archive's metadata under {@link #VOCABULARY_KEY}.
 */
public final class CharModel {
  public static final String VOCABULARY_KEY = "dendrite.vocabulary";
  private static final double LN2 = Math.log(2);

  private final Vocabulary vocab;
  private final Sequential net;
  private final Recurrent lstm;
  private final Linear head;

  private CharModel(Vocabulary vocab, Sequential net) {
    List<Module> layers = net.layers();
    if (layers.size() != 2
        || !(layers.get(0) instanceof Recurrent r)
        || !(layers.get(1) instanceof Linear l)) {
      throw new IllegalArgumentException(
          "a character model is Sequential(LSTM, Linear), got " + net);
    }
    if (r.outputShape(new int[] {1, 1, vocab.size()})[2] != l.inFeatures()
        || l.outFeatures() != vocab.size()) {
      throw new IllegalArgumentException(
          "the network " + net + " does not fit a vocabulary of " + vocab.size() + " symbols");
    }
    this.vocab = vocab;
    this.net = net;
    this.lstm = r;
    this.head = l;
  }

  public static CharModel create(Vocabulary vocab, int hidden, int layers, Rng rng) {
    int v = vocab.size();
    return new CharModel(
        vocab,
        new Sequential(new LSTM(v, hidden, layers, true, false, rng), new Linear(hidden, v, rng)));
  }

  public Vocabulary vocabulary() {
    return vocab;
  }

  public Module network() {
    return net;
  }

  /**
   * One-hot rows for {@code n} sequences of {@code t} indices taken from {@code text} at {@code
   * starts}: (n, t, V).
   */
  Tensor oneHot(int[] text, int[] starts, int t) {
    int v = vocab.size();
    float[] x = new float[starts.length * t * v];
    for (int i = 0; i < starts.length; i++)
      for (int k = 0; k < t; k++) x[(i * t + k) * v + text[starts[i] + k]] = 1f;
    return Tensor.wrap(x, starts.length, t, v);
  }

  /** Logits (N, T, V) and the final states for sequences from the given states (null: zeros). */
  Recurrent.Output step(Tensor oneHot, Tensor h, Tensor c) {
    Recurrent.Output o =
        h == null ? lstm.forwardWithState(oneHot) : lstm.forwardWithState(oneHot, h, c);
    return new Recurrent.Output(head.forward(o.output()), o.h(), o.c());
  }

  /**
   * The model's cross-entropy on {@code text} in bits per character: the text is read as up to
   * {@code streams} consecutive pieces in parallel, {@code seq} characters at a time, the state
   * carried across, so every character but each piece's first is predicted from all that precedes
   * it in its piece.
   */
  public double bitsPerChar(int[] text, int seq, int streams) {
    int n = text.length - 1;
    if (n < 1)
      throw new IllegalArgumentException("bitsPerChar: the text needs at least 2 characters");
    int s = Math.max(1, Math.min(streams, n / Math.max(1, seq)));
    int len = n / s; // each stream predicts len characters
    double nats = 0;
    long count = 0;
    boolean was = net.isTraining();
    net.eval();
    try (var off = Grad.disabled()) {
      Tensor h = null, c = null;
      for (int from = 0; from < len; from += seq) {
        int t = Math.min(seq, len - from);
        int[] starts = new int[s];
        for (int i = 0; i < s; i++) starts[i] = i * len + from;
        Recurrent.Output o = step(oneHot(text, starts, t), h, c);
        h = o.h();
        c = o.c();
        float[] logp = o.output().logSoftmax(2).toArray();
        int v = vocab.size();
        for (int i = 0; i < s; i++)
          for (int k = 0; k < t; k++) nats -= logp[(i * t + k) * v + text[starts[i] + k + 1]];
        count += (long) s * t;
      }
    } finally {
      if (was) net.train();
    }
    return nats / count / LN2;
  }

  /**
   * Continues {@code prime} by {@code length} characters, each drawn from softmax(logits /
   * temperature) over the known characters (never the unknown symbol); the same seed gives the same
   * text.
   */
  public String generate(String prime, int length, double temperature, Rng rng) {
    if (!(temperature > 0))
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
    if (prime.isEmpty()) throw new IllegalArgumentException("the prime text must not be empty");
    String missing = vocab.missing(prime);
    if (!missing.isEmpty())
      throw new IllegalArgumentException(
          "the prime text has characters the model does not know: \"" + missing + "\"");
    int[] idx = vocab.encode(prime);
    int v = vocab.size();
    StringBuilder out = new StringBuilder(prime);
    boolean was = net.isTraining();
    net.eval();
    try (var off = Grad.disabled()) {
      Recurrent.Output o = step(oneHot(idx, new int[] {0}, idx.length), null, null);
      for (int k = 0; k < length; k++) {
        float[] logits = o.output().select(1, -1).toArray(); // (1, V) at the last step
        int next = sample(logits, temperature, rng);
        out.appendCodePoint(vocab.codePoint(next));
        o = step(oneHot(new int[] {next}, new int[] {0}, 1), o.h(), o.c());
      }
    } finally {
      if (was) net.train();
    }
    return out.toString();
  }

  /**
   * A draw from softmax(logits / temperature), index 0 (unknown) excluded; in double for a stable
   * sum.
   */
  static int sample(float[] logits, double temperature, Rng rng) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < logits.length; i++) max = Math.max(max, logits[i]);
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 1; i < logits.length; i++) sum += p[i] = Math.exp((logits[i] - max) / temperature);
    double u = rng.nextDouble() * sum;
    for (int i = 1; i < logits.length; i++) if ((u -= p[i]) < 0) return i;
    return logits.length - 1; // rounding left u a hair above zero
  }

  public void save(Path file, Map<String, String> extra) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(extra);
    meta.put(VOCABULARY_KEY, Json.write(vocab.codePoints()));
    ModelArchive.save(file, net, meta);
  }

  /**
   * Loads a model written by {@link #save}; the metadata is kept in {@code metadata} when not null.
   */
  public static CharModel load(Path file, Map<String, String> metadata) throws IOException {
    ModelArchive.Loaded l = ModelArchive.loadWithMetadata(file);
    String v = l.metadata().get(VOCABULARY_KEY);
    if (v == null)
      throw new IOException(
          file + ": not a character model (no " + VOCABULARY_KEY + " in its metadata)");
    if (metadata != null) metadata.putAll(l.metadata());
    try {
      if (!(Json.parse(v) instanceof List<?> cps)
          || !cps.stream().allMatch(o -> o instanceof Number)) {
        throw new IllegalArgumentException(VOCABULARY_KEY + " must be a list of code points");
      }
      @SuppressWarnings("unchecked")
      List<Number> nums = (List<Number>) cps;
      if (!(l.model() instanceof Sequential s))
        throw new IllegalArgumentException(
            "a character model is Sequential(LSTM, Linear), got " + l.model());
      return new CharModel(Vocabulary.ofCodePoints(nums), s);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  static double ln2() {
    return LN2;
  }
}
