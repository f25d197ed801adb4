package dev.dendrite.io;

import dev.dendrite.nn.Embedding;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.SpecFields;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.Heaviside;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.LogSoftmax;
import dev.dendrite.nn.activation.Maxout;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.conv.AdaptiveAvgPool2d;
import dev.dendrite.nn.conv.AvgPool2d;
import dev.dendrite.nn.conv.Conv1d;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.nn.conv.GlobalAvgPool;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.nn.norm.LayerNorm;
import dev.dendrite.nn.recurrent.Bidirectional;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.GRUCell;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LSTMCell;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.nn.recurrent.RNN;
import dev.dendrite.nn.recurrent.RNNCell;
import dev.dendrite.nn.recurrent.Unrolled;
import dev.dendrite.nn.regularization.AlphaDropout;
import dev.dendrite.nn.regularization.Dropout;
import dev.dendrite.nn.regularization.Dropout2d;
import dev.dendrite.nn.regularization.GaussianNoise;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.RBM;
import dev.dendrite.unsupervised.VariationalAutoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds modules from their JSON spec ({@link Module#spec()}), e.g.
 *
 * <pre>{"type": "Sequential", "layers": [{"type": "Linear", "in": 4, "out": 8}, {"type": "ReLU"}]}
 * </pre>
 *
 * A spec describes the architecture only; weights come from a safetensors file. Errors name the
 * layer's position and the field at fault. Each layer reads its own spec ({@code SPEC}, beside its
 * {@code spec()}); this class knows which layers there are and builds containers.
 */
public final class ModelSpec {
  private static final Map<String, SpecReader> READERS = new TreeMap<>();

  static {
    for (SpecReader r :
        List.of(
            Linear.SPEC,
            Flatten.SPEC,
            Unflatten.SPEC,
            Embedding.SPEC,
            ReLU.SPEC,
            Sigmoid.SPEC,
            Tanh.SPEC,
            SiLU.SPEC,
            Heaviside.SPEC,
            Heaviside.SPEC_AS_STEP,
            LeakyReLU.SPEC,
            ELU.SPEC,
            GELU.SPEC,
            Softplus.SPEC,
            Softmax.SPEC,
            LogSoftmax.SPEC,
            Maxout.SPEC,
            Conv1d.SPEC,
            Conv2d.SPEC,
            ConvTranspose2d.SPEC,
            MaxPool2d.SPEC,
            AvgPool2d.SPEC,
            AdaptiveAvgPool2d.SPEC,
            GlobalAvgPool.SPEC,
            BatchNorm1d.SPEC,
            BatchNorm2d.SPEC,
            LayerNorm.SPEC,
            Dropout.SPEC,
            Dropout2d.SPEC,
            AlphaDropout.SPEC,
            GaussianNoise.SPEC,
            RNN.SPEC,
            LSTM.SPEC,
            GRU.SPEC,
            RNNCell.SPEC,
            LSTMCell.SPEC,
            GRUCell.SPEC,
            Unrolled.SPEC,
            Bidirectional.SPEC,
            LastStep.SPEC,
            RBM.SPEC,
            Autoencoder.SPEC,
            VariationalAutoencoder.SPEC)) {
      register(r);
    }
  }

  private ModelSpec() {}

  /** Adds a layer type; its {@link Module#spec()} must use the same {@code type} name. */
  public static synchronized void register(SpecReader reader) {
    READERS.put(reader.type(), reader);
  }

  /** Builds a module from a parsed spec; fresh parameters are drawn from {@code rng}. */
  public static Module build(Object spec, Rng rng) {
    return build(spec, rng, "model");
  }

  private static Module build(Object spec, Rng rng, String where) {
    if (!(spec instanceof Map<?, ?> m))
      throw new IllegalArgumentException(where + ": expected a JSON object");
    Object type = m.get("type");
    if (!(type instanceof String t))
      throw new IllegalArgumentException(where + ": missing \"type\"");
    SpecFields.Nested nested = (s, w) -> build(s, rng, w);
    if (t.equals("Sequential")) {
      List<Module> layers = new ArrayList<>();
      List<?> specs = new SpecFields(where, m, nested).list("layers");
      for (int i = 0; i < specs.size(); i++)
        layers.add(build(specs.get(i), rng, where + " layer " + i));
      return new Sequential(layers);
    }
    SpecReader r;
    synchronized (ModelSpec.class) {
      r = READERS.get(t);
    }
    if (r == null)
      throw new IllegalArgumentException(
          where
              + ": unknown layer type \""
              + t
              + "\" (known: Sequential, "
              + String.join(", ", READERS.keySet())
              + ")");
    long[] count = TOTAL.get();
    if (count != null) count[2]++; // layers inside this one are counted with it
    Module built;
    try {
      built = r.read().apply(new SpecFields(where + " (" + t + ")", m, nested), rng);
    } finally {
      if (count != null) count[2]--;
    }
    return counted(built, where + " (" + t + ")");
  }

  /** The largest spec file read: a spec is a few kilobytes; anything this big is something else. */
  public static final long MAX_FILE_BYTES = 16 << 20;

  /** The most parameters (and elements of any one tensor) a spec file may ask for: 1 GiB. */
  public static final long DEFAULT_MAX_ELEMENTS = 1L << 28;

  /**
   * Reads a JSON spec file and builds the module; every error, from the file system, the JSON or a
   * layer's fields, is an {@link java.io.IOException} whose message starts with the file.
   */
  public static Module read(java.nio.file.Path file, Rng rng) throws java.io.IOException {
    return read(file, rng, DEFAULT_MAX_ELEMENTS);
  }

  /** {@link #read(java.nio.file.Path, Rng)} with at most {@code maxElements} parameters. */
  public static Module read(java.nio.file.Path file, Rng rng, long maxElements)
      throws java.io.IOException {
    if (!java.nio.file.Files.isRegularFile(file))
      throw new java.io.IOException(file + ": no such file");
    if (java.nio.file.Files.size(file) > MAX_FILE_BYTES)
      throw new java.io.IOException(file + ": larger than 16 MiB; not a model spec");
    String text;
    try {
      text = java.nio.file.Files.readString(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new java.io.IOException(file + ": not UTF-8 text", e);
    }
    try {
      return parse(text, rng, maxElements);
    } catch (IllegalArgumentException e) {
      throw new java.io.IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses JSON text and builds the module. */
  public static Module parse(String json, Rng rng) {
    Object o = Json.parse(json);
    if (o instanceof Map<?, ?> m && m.containsKey("model")) o = m.get("model");
    return build(o, rng);
  }

  /**
   * {@link #parse(String, Rng)}, refusing a model of more than {@code maxElements} parameters, or
   * with any tensor larger than that, before allocating it: a spec of a few bytes can ask for
   * gigabytes.
   */
  public static Module parse(String json, Rng rng, long maxElements) {
    Object o = Json.parse(json);
    Object spec = o instanceof Map<?, ?> m && m.containsKey("model") ? m.get("model") : o;
    Module built =
        Shape.limited(
            maxElements,
            () -> {
              TOTAL.set(new long[] {0, maxElements, 0});
              try {
                return build(spec, rng);
              } finally {
                TOTAL.remove();
              }
            });
    return built;
  }

  /**
   * While {@link #parse(String, Rng, long)} builds: parameters so far, the most allowed, and how
   * many layers are being built around the current one.
   */
  private static final ThreadLocal<long[]> TOTAL = new ThreadLocal<>();

  /** Counts a built layer's parameters against the limit, if one is set. */
  private static Module counted(Module m, String where) {
    long[] t = TOTAL.get();
    if (t != null && t[2] == 0) {
      t[0] += m.parameterCount();
      if (t[0] > t[1])
        throw new IllegalArgumentException(
            where
                + ": the model so far has "
                + t[0]
                + " parameters, more than the limit of "
                + t[1]);
    }
    return m;
  }
}
