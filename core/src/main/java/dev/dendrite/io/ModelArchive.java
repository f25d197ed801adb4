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
 */
public final class ModelArchive {
  public static final String SPEC_KEY = "dendrite.spec";

  private ModelArchive() {}

  /** Writes {@code model} atomically, with extra string metadata (may be empty). */
  public static void save(Path file, Module model, Map<String, String> metadata) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put(SPEC_KEY, Json.write(model.spec()));
    meta.put("format", "dendrite-model-1");
    Safetensors.write(file, model.stateDict(), meta);
  }

  /** A loaded model and the string metadata saved with it. */
  public record Loaded(Module model, Map<String, String> metadata) {}

  /** Rebuilds the model from the spec and loads its weights. */
  public static Module load(Path file) throws IOException {
    return loadWithMetadata(file).model();
  }

  /** {@link #load}, keeping the archive's metadata (class names, preprocessing, ...). */
  public static Loaded loadWithMetadata(Path file) throws IOException {
    if (!java.nio.file.Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    Safetensors.Contents c = Safetensors.read(file);
    String spec = c.metadata().get(SPEC_KEY);
    if (spec == null) throw new IOException(file + ": no " + SPEC_KEY + " in the metadata; is it a plain weights file? Build the model and use loadWeights");
    Module m;
    try {
      m = ModelSpec.parse(spec, new Rng(0));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    try {
      loadWeights(m, c.tensors(), true, file.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new Loaded(m, c.metadata());
  }

  /**
   * Copies tensors into the module's parameters and buffers by name (a PyTorch state_dict saved as
   * safetensors loads this way). With {@code strict}, every name must match both ways; every
   * mismatch is listed, name by name, in one error.
   *
   * @return the names in {@code tensors} that the model does not have (empty when strict)
   */
  public static List<String> loadWeights(Module model, Map<String, Tensor> tensors, boolean strict, String source) {
    Map<String, Tensor> own = model.stateDict();
    List<String> problems = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (var e : own.entrySet()) {
      Tensor t = tensors.get(e.getKey());
      if (t == null) {
        if (strict) problems.add("missing " + e.getKey() + " " + Shape.str(e.getValue().shape()));
      } else if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
        problems.add("shape of " + e.getKey() + ": file has " + Shape.str(t.shape()) + ", model has " + Shape.str(e.getValue().shape()));
      }
    }
    for (String k : tensors.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(k);
        if (strict) problems.add("unexpected " + k + " " + Shape.str(tensors.get(k).shape()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": weights do not fit the model:\n  " + String.join("\n  ", problems));
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
  public static List<String> loadWeights(Module model, Path file, boolean strict) throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    return loadWeights(model, c.tensors(), strict, file.toString());
  }
}
