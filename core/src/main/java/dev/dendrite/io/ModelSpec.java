package dev.dendrite.io;

import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.nn.regularization.AlphaDropout;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.regularization.Dropout;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.nn.recurrent.RNN;
import dev.dendrite.nn.recurrent.RNNCell;
import dev.dendrite.nn.recurrent.LSTMCell;
import dev.dendrite.nn.recurrent.GRUCell;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.nn.Embedding;
import dev.dendrite.nn.recurrent.RecurrentCell;
import dev.dendrite.nn.recurrent.Unrolled;
import dev.dendrite.nn.recurrent.Bidirectional;
import dev.dendrite.nn.conv.AvgPool2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.regularization.GaussianNoise;
import dev.dendrite.nn.activation.Maxout;
import dev.dendrite.nn.norm.LayerNorm;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.activation.LogSoftmax;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Heaviside;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.conv.AdaptiveAvgPool2d;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.nn.conv.Conv1d;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.nn.regularization.Dropout2d;
import dev.dendrite.nn.conv.GlobalAvgPool;
import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Builds modules from their JSON spec ({@link Module#spec()}), e.g.
 * <pre>{"type": "Sequential", "layers": [{"type": "Linear", "in": 4, "out": 8}, {"type": "ReLU"}]}</pre>
 * A spec describes the architecture only; weights come from a safetensors file. Errors name the
 * layer's position and the field at fault.
 */
public final class ModelSpec {
  /** Reads a layer's fields with errors that name the layer. */
  public record Fields(String where, Map<?, ?> map) {
    public int integer(String key) {
      Object v = map.get(key);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(where + ": \"" + key + "\" must be an integer, got " + v);
      }
      return n.intValue();
    }

    public int integer(String key, int dflt) {
      return map.containsKey(key) ? integer(key) : dflt;
    }

    public double number(String key, double dflt) {
      Object v = map.get(key);
      if (v == null) return dflt;
      if (!(v instanceof Number n)) throw new IllegalArgumentException(where + ": \"" + key + "\" must be a number, got " + v);
      return n.doubleValue();
    }

    public boolean bool(String key, boolean dflt) {
      Object v = map.get(key);
      if (v == null) return dflt;
      if (!(v instanceof Boolean b)) throw new IllegalArgumentException(where + ": \"" + key + "\" must be true or false, got " + v);
      return b;
    }

    public String string(String key, String dflt) {
      Object v = map.get(key);
      if (v == null) return dflt;
      if (!(v instanceof String s)) throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string, got " + v);
      return s;
    }

    public List<?> list(String key) {
      if (!(map.get(key) instanceof List<?> l)) throw new IllegalArgumentException(where + ": \"" + key + "\" must be a list");
      return l;
    }
  }

  private static final Map<String, BiFunction<Fields, Rng, Module>> BUILDERS = new TreeMap<>();

  static {
    register("Linear", (f, rng) -> new Linear(f.integer("in"), f.integer("out"), f.bool("bias", true), rng));
    register("ReLU", (f, rng) -> new ReLU());
    register("Sigmoid", (f, rng) -> new Sigmoid());
    register("Tanh", (f, rng) -> new Tanh());
    register("SiLU", (f, rng) -> new SiLU());
    register("Heaviside", (f, rng) -> new Heaviside());
    register("Step", (f, rng) -> new Heaviside()); // the name specs were written with before Heaviside
    register("LeakyReLU", (f, rng) -> new LeakyReLU((float) f.number("slope", 0.1)));
    register("ELU", (f, rng) -> new ELU((float) f.number("alpha", 1)));
    register("GELU", (f, rng) -> new GELU(f.bool("tanh", false)));
    register("Softplus", (f, rng) -> new Softplus((float) f.number("beta", 1), (float) f.number("threshold", 20)));
    register("Softmax", (f, rng) -> new Softmax(f.integer("dim", -1)));
    register("LogSoftmax", (f, rng) -> new LogSoftmax(f.integer("dim", -1)));
    register("Flatten", (f, rng) -> new Flatten(f.integer("startDim", 1), f.integer("endDim", -1)));
    register("BatchNorm1d", (f, rng) -> new BatchNorm1d(f.integer("features"), (float) f.number("eps", 1e-5), (float) f.number("momentum", 0.1)));
    register("LayerNorm", (f, rng) -> new LayerNorm((float) f.number("eps", 1e-5),
        f.list("shape").stream().mapToInt(o -> ((Number) o).intValue()).toArray()));
    register("GaussianNoise", (f, rng) -> new GaussianNoise((float) f.number("std", 0.1), rng.split()));
    register("AlphaDropout", (f, rng) -> new AlphaDropout((float) f.number("p", 0.5), rng.split()));
    register("Maxout", (f, rng) -> new Maxout(f.integer("in"), f.integer("out"), f.integer("pieces"), rng));
    register("Conv2d", (f, rng) -> {
      List<?> kernel = f.map().get("kernel") instanceof List<?> l ? l : List.of(f.integer("kernel"), f.integer("kernel"));
      if (samePadding(f)) return Conv2d.same(f.integer("in"), f.integer("out"), ((Number) kernel.get(0)).intValue(),
          ((Number) kernel.get(1)).intValue(), f.integer("dilation", 1), f.integer("groups", 1), f.bool("bias", true), rng);
      return new Conv2d(f.integer("in"), f.integer("out"), ((Number) kernel.get(0)).intValue(), ((Number) kernel.get(1)).intValue(),
          f.integer("stride", 1), f.integer("padding", 0), f.integer("dilation", 1), f.integer("groups", 1), f.bool("bias", true), rng);
    });
    register("MaxPool2d", (f, rng) -> new MaxPool2d(f.integer("kernel"), f.integer("stride", f.integer("kernel")), f.integer("padding", 0)));
    register("AvgPool2d", (f, rng) -> new AvgPool2d(f.integer("kernel"), f.integer("stride", f.integer("kernel")), f.integer("padding", 0)));
    register("Unflatten", (f, rng) -> new Unflatten(f.list("shape").stream().mapToInt(o -> ((Number) o).intValue()).toArray()));
    register("LSTM", (f, rng) -> new LSTM(recurrent(f), rng));
    register("GRU", (f, rng) -> new GRU(recurrent(f), rng));
    register("RNN", (f, rng) -> new RNN(recurrent(f), relu(f), rng));
    register("LastStep", (f, rng) -> new LastStep(f.bool("batchFirst", true)));
    register("Dropout", (f, rng) -> new Dropout((float) f.number("p", 0.5), rng.split()));
    register("Conv1d", (f, rng) -> samePadding(f)
        ? Conv1d.same(f.integer("in"), f.integer("out"), f.integer("kernel"), f.integer("dilation", 1), f.integer("groups", 1), f.bool("bias", true), rng)
        : new Conv1d(f.integer("in"), f.integer("out"), f.integer("kernel"), f.integer("stride", 1), f.integer("padding", 0),
            f.integer("dilation", 1), f.integer("groups", 1), f.bool("bias", true), rng));
    register("ConvTranspose2d", (f, rng) -> {
      List<?> kernel = f.map().get("kernel") instanceof List<?> l ? l : List.of(f.integer("kernel"), f.integer("kernel"));
      return new ConvTranspose2d(f.integer("in"), f.integer("out"), ((Number) kernel.get(0)).intValue(), ((Number) kernel.get(1)).intValue(),
          f.integer("stride", 1), f.integer("padding", 0), f.integer("outputPadding", 0), f.integer("dilation", 1), f.integer("groups", 1),
          f.bool("bias", true), rng);
    });
    register("AdaptiveAvgPool2d", (f, rng) -> {
      List<?> size = f.map().get("output") instanceof List<?> l ? l : List.of(f.integer("output"), f.integer("output"));
      return new AdaptiveAvgPool2d(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue());
    });
    register("GlobalAvgPool", (f, rng) -> new GlobalAvgPool(f.bool("flatten", true)));
    register("BatchNorm2d", (f, rng) -> new BatchNorm2d(f.integer("features"), (float) f.number("eps", 1e-5), (float) f.number("momentum", 0.1),
        f.bool("affine", true), f.bool("trackRunningStats", true)));
    register("Dropout2d", (f, rng) -> new Dropout2d((float) f.number("p", 0.5), rng.split()));
    register("RNNCell", (f, rng) -> new RNNCell(f.integer("inputSize"), f.integer("hiddenSize"), f.bool("bias", true), relu(f), rng));
    register("LSTMCell", (f, rng) -> new LSTMCell(f.integer("inputSize"), f.integer("hiddenSize"), f.bool("bias", true), rng));
    register("GRUCell", (f, rng) -> new GRUCell(f.integer("inputSize"), f.integer("hiddenSize"), f.bool("bias", true), rng));
    register("Embedding", (f, rng) -> new Embedding(f.integer("numEmbeddings"), f.integer("embeddingDim"),
        f.map().containsKey("paddingIdx") ? f.integer("paddingIdx") : null, rng));
    register("Unrolled", (f, rng) -> {
      if (!(build(f.map().get("cell"), rng, f.where() + " cell") instanceof RecurrentCell cell)) throw new IllegalArgumentException(f.where() + ": \"cell\" must be a cell (RNNCell, LSTMCell, GRUCell)");
      return new Unrolled(cell, f.bool("batchFirst", false));
    });
    register("Bidirectional", (f, rng) -> new Bidirectional(build(f.map().get("forward"), rng, f.where() + " forward"),
        build(f.map().get("reverse"), rng, f.where() + " reverse"), f.bool("batchFirst", false)));
  }

  private ModelSpec() {}

  /** {@code "padding": "same"}, which PyTorch allows with stride 1 only. */
  private static boolean samePadding(Fields f) {
    if (!"same".equals(f.map().get("padding"))) return false;
    if (f.integer("stride", 1) != 1) {
      throw new IllegalArgumentException(f.where() + ": \"padding\": \"same\" needs stride 1, got " + f.integer("stride"));
    }
    return true;
  }

  /** Adds a layer type; its {@link Module#spec()} must use the same {@code type} name. */
  public static synchronized void register(String type, BiFunction<Fields, Rng, Module> builder) {
    BUILDERS.put(type, builder);
  }

  /** Builds a module from a parsed spec; fresh parameters are drawn from {@code rng}. */
  public static Module build(Object spec, Rng rng) {
    return build(spec, rng, "model");
  }

  private static Module build(Object spec, Rng rng, String where) {
    if (!(spec instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + ": expected a JSON object");
    Object type = m.get("type");
    if (!(type instanceof String t)) throw new IllegalArgumentException(where + ": missing \"type\"");
    if (t.equals("Sequential")) {
      List<Module> layers = new ArrayList<>();
      Fields f = new Fields(where, m);
      List<?> specs = f.list("layers");
      for (int i = 0; i < specs.size(); i++) layers.add(build(specs.get(i), rng, where + " layer " + i));
      return new Sequential(layers);
    }
    BiFunction<Fields, Rng, Module> b;
    synchronized (ModelSpec.class) {
      b = BUILDERS.get(t);
    }
    if (b == null) throw new IllegalArgumentException(where + ": unknown layer type \"" + t + "\" (known: Sequential, " + String.join(", ", BUILDERS.keySet()) + ")");
    return b.apply(new Fields(where + " (" + t + ")", m), rng);
  }

  /** Parses JSON text and builds the module. */
  public static Module parse(String json, Rng rng) {
    Object o = Json.parse(json);
    if (o instanceof Map<?, ?> m && m.containsKey("model")) o = m.get("model");
    return build(o, rng);
  }

  /** A recurrent layer's fields, PyTorch's constructor arguments. */
  private static Recurrent.Config recurrent(Fields f) {
    return new Recurrent.Config(f.integer("inputSize"), f.integer("hiddenSize"), f.integer("numLayers", 1),
        f.bool("batchFirst", false), f.bool("bidirectional", false), (float) f.number("dropout", 0));
  }

  private static boolean relu(Fields f) {
    String nl = f.string("nonlinearity", "tanh");
    if (!nl.equals("tanh") && !nl.equals("relu")) throw new IllegalArgumentException(f.where() + ": \"nonlinearity\" must be \"tanh\" or \"relu\", got " + nl);
    return nl.equals("relu");
  }
}
