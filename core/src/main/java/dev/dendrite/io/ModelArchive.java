package dev.dendrite.io;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved model: one safetensors file whose tensors are the model's {@code stateDict()} (PyTorch's
 * names) and whose metadata holds the architecture as a JSON spec under {@code dendrite.spec}. Any
 * safetensors reader can open it; nothing in it is executable.
 *
 * <p>A classifier is of little use without what it was trained with: its class names, and the
 * standardisation its inputs went through. {@link Info} carries both (and the data set's name), is
 * written into the metadata by {@link #save(Path, Module, Info)} and read back by {@link
 * Loaded#info()}.
 */
public final class ModelArchive {
  public static final String SPEC_KEY = "dendrite.spec";

  /** The archive format's name and the newest version this build reads and writes. */
  static final String FORMAT = "dendrite-model-";

  static final int VERSION = 1;
  static final String CLASSES_KEY = "dendrite.classes",
      DATA_KEY = "dendrite.data",
      STANDARDIZE_KEY = "dendrite.standardize";

  /**
   * SHA-256 of the file's data section (the tensors as float32, little-endian, in name order), so
   * that {@code tail -c +$((9 + N))} of the file hashes to it as well; archives written before it
   * existed load without the check.
   */
  public static final String WEIGHTS_SHA256_KEY = "dendrite.weights_sha256";

  private ModelArchive() {}

  /**
   * Per-feature standardisation {@code (x − mean) / std}, fitted on the training data; a model so
   * trained expects its raw input prepared by {@link #apply}.
   */
  public record Standardization(float[] mean, float[] std) {
    public Standardization {
      if (mean.length != std.length)
        throw new IllegalArgumentException(
            "standardisation: " + mean.length + " means but " + std.length + " deviations");
      mean = mean.clone();
      std = std.clone();
    }

    @Override
    public float[] mean() {
      return mean.clone();
    }

    @Override
    public float[] std() {
      return std.clone();
    }

    public int features() {
      return mean.length;
    }

    /**
     * {@code (x − mean) / std} over the last dimension of {@code x}, which must have {@link
     * #features()} entries.
     */
    public Tensor apply(Tensor x) {
      return x.sub(Tensor.of(mean)).div(Tensor.of(std));
    }

    /** The inverse: raw values from standardised ones. */
    public Tensor invert(Tensor x) {
      return x.mul(Tensor.of(std)).add(Tensor.of(mean));
    }
  }

  /**
   * What a model needs beside its weights to be used on raw data; every part may be absent (null).
   *
   * @param classes the class names, index by index of the model's output
   * @param dataSet the name of the data set it was trained on, e.g. {@code iris}
   * @param standardization the preparation of its input features
   */
  public record Info(List<String> classes, String dataSet, Standardization standardization) {
    public static final Info NONE = new Info(null, null, null);

    public Info {
      if (classes != null) classes = List.copyOf(classes);
    }

    public Info withClasses(List<String> c) {
      return new Info(c, dataSet, standardization);
    }

    public Info withDataSet(String d) {
      return new Info(classes, d, standardization);
    }

    public Info withStandardization(Standardization s) {
      return new Info(classes, dataSet, s);
    }

    /** Applies the standardisation, if any. */
    public Tensor prepare(Tensor x) {
      return standardization == null ? x : standardization.apply(x);
    }

    Map<String, String> toMetadata() {
      Map<String, String> meta = new LinkedHashMap<>();
      if (classes != null) meta.put(CLASSES_KEY, Json.write(classes));
      if (dataSet != null) meta.put(DATA_KEY, dataSet);
      if (standardization != null) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mean", numbers(standardization.mean));
        s.put("std", numbers(standardization.std));
        meta.put(STANDARDIZE_KEY, Json.write(s));
      }
      return meta;
    }

    static Info fromMetadata(Map<String, String> meta, String source) throws IOException {
      try {
        List<String> classes = null;
        if (meta.containsKey(CLASSES_KEY)) {
          if (!(Json.parse(meta.get(CLASSES_KEY)) instanceof List<?> l))
            throw new IllegalArgumentException(CLASSES_KEY + " is not a list");
          classes = l.stream().map(String::valueOf).toList();
        }
        Standardization s = null;
        if (meta.containsKey(STANDARDIZE_KEY)) {
          if (!(Json.parse(meta.get(STANDARDIZE_KEY)) instanceof Map<?, ?> m))
            throw new IllegalArgumentException(STANDARDIZE_KEY + " is not an object");
          s = new Standardization(floats(m.get("mean"), "mean"), floats(m.get("std"), "std"));
        }
        return new Info(classes, meta.get(DATA_KEY), s);
      } catch (IllegalArgumentException e) {
        throw new IOException(source + ": " + e.getMessage(), e);
      }
    }

    private static List<Double> numbers(float[] f) {
      Double[] d = new Double[f.length];
      for (int i = 0; i < f.length; i++) d[i] = (double) f[i];
      return List.of(d);
    }

    private static float[] floats(Object o, String what) {
      if (!(o instanceof List<?> l))
        throw new IllegalArgumentException(
            STANDARDIZE_KEY + ": \"" + what + "\" is not a list of numbers");
      float[] f = new float[l.size()];
      for (int i = 0; i < f.length; i++) {
        if (!(l.get(i) instanceof Number n))
          throw new IllegalArgumentException(
              STANDARDIZE_KEY + ": \"" + what + "\" holds " + l.get(i));
        f[i] = n.floatValue();
      }
      return f;
    }
  }

  /**
   * Writes {@code model} atomically with its {@code info} (class names, data set, standardisation).
   */
  public static void save(Path file, Module model, Info info) throws IOException {
    save(file, model, info.toMetadata());
  }

  /** As {@link #save(Path, Module, Info)}, with further string metadata (e.g. the run's curves). */
  public static void save(Path file, Module model, Info info, Map<String, String> extra)
      throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(extra);
    meta.putAll(info.toMetadata());
    save(file, model, meta);
  }

  /** Writes {@code model} atomically, with extra string metadata (may be empty). */
  public static void save(Path file, Module model, Map<String, String> metadata)
      throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put(SPEC_KEY, Json.write(model.spec()));
    meta.put("format", FORMAT + VERSION);
    Map<String, Tensor> state = model.stateDict();
    meta.put(WEIGHTS_SHA256_KEY, Safetensors.dataSha256(state));
    Safetensors.write(file, state, meta);
  }

  /**
   * Refuses an archive a newer Dendrite wrote: its spec or weights may mean something this one
   * would misread. Archives without the field predate it and are read.
   */
  private static void checkVersion(String format, Path file) throws IOException {
    if (format == null || !format.startsWith(FORMAT)) return;
    int v;
    try {
      v = Integer.parseInt(format.substring(FORMAT.length()));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": unknown archive format version \"" + format + "\"", e);
    }
    if (v > VERSION)
      throw new IOException(
          file
              + ": archive format version "
              + v
              + " is newer than this Dendrite reads ("
              + VERSION
              + "); upgrade Dendrite to load it");
  }

  /**
   * A loaded model, the string metadata saved with it, and the {@link Info} read from that
   * metadata.
   */
  public record Loaded(Module model, Map<String, String> metadata, Info info) {}

  /** Rebuilds the model from the spec and loads its weights. */
  public static Module load(Path file) throws IOException {
    return loadWithMetadata(file).model();
  }

  /** {@link #load}, keeping the archive's metadata (class names, preprocessing, ...). */
  public static Loaded loadWithMetadata(Path file) throws IOException {
    if (!java.nio.file.Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    Safetensors.Contents c = Safetensors.read(file);
    checkVersion(c.metadata().get("format"), file);
    String sum = c.metadata().get(WEIGHTS_SHA256_KEY);
    if (sum != null && !sum.equals(Safetensors.dataSha256(c.tensors())))
      throw new IOException(
          file + ": the weights do not match their checksum (" + WEIGHTS_SHA256_KEY + "): corrupt");
    String spec = c.metadata().get(SPEC_KEY);
    if (spec == null)
      throw new IOException(
          file
              + ": no "
              + SPEC_KEY
              + " in the metadata; is it a plain weights file? Build the model and use"
              + " loadWeights");
    Module m;
    try {
      // The model must hold exactly the file's values: a spec asking for more is refused before
      // its layers are allocated.
      long values = 0;
      for (Tensor t : c.tensors().values()) values += t.numel();
      m = ModelSpec.parse(spec, new Rng(0), Math.max(values, 1));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    try {
      loadWeights(m, c.tensors(), true, file.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new Loaded(m, c.metadata(), Info.fromMetadata(c.metadata(), file.toString()));
  }

  /**
   * Copies tensors into the module's parameters and buffers by name (a PyTorch state_dict saved as
   * safetensors loads this way). With {@code strict}, every name must match both ways; every
   * mismatch is listed, name by name, in one error.
   *
   * @return the names in {@code tensors} that the model does not have (empty when strict)
   */
  public static List<String> loadWeights(
      Module model, Map<String, Tensor> tensors, boolean strict, String source) {
    Map<String, Tensor> own = model.stateDict();
    List<String> problems = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (var e : own.entrySet()) {
      Tensor t = tensors.get(e.getKey());
      if (t == null) {
        if (strict) problems.add("missing " + e.getKey() + " " + Shape.str(e.getValue().shape()));
      } else if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
        problems.add(
            "shape of "
                + e.getKey()
                + ": file has "
                + Shape.str(t.shape())
                + ", model has "
                + Shape.str(e.getValue().shape()));
      }
    }
    for (String k : tensors.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(k);
        if (strict) problems.add("unexpected " + k + " " + Shape.str(tensors.get(k).shape()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": weights do not fit the model:\n  " + String.join("\n  ", problems));
    }
    try (var off = Grad.disabled()) {
      for (var e : own.entrySet()) {
        Tensor t = tensors.get(e.getKey());
        if (t != null) e.getValue().copyFrom(t);
      }
    }
    return unexpected;
  }

  /** Reads a safetensors file (e.g. written from a PyTorch state_dict) into an existing model. */
  public static List<String> loadWeights(Module model, Path file, boolean strict)
      throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    return loadWeights(model, c.tensors(), strict, file.toString());
  }
}
