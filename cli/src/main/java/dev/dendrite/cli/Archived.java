package dev.dendrite.cli;

import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A saved model with what {@code dendrite train} stored beside it: class names, data set, standardisation. */
record Archived(ModelArchive.Loaded loaded, List<String> classes, String data, Tensor mean, Tensor std) {
  static Archived load(Path file) throws IOException {
    ModelArchive.Loaded l = ModelArchive.loadWithMetadata(file);
    Map<String, String> meta = l.metadata();
    List<String> classes = null;
    if (meta.containsKey("dendrite.classes")) classes = ((List<?>) Json.parse(meta.get("dendrite.classes"))).stream().map(String::valueOf).toList();
    Tensor mean = null, std = null;
    if (meta.containsKey("dendrite.standardize")) {
      Map<?, ?> s = (Map<?, ?>) Json.parse(meta.get("dendrite.standardize"));
      mean = floats((List<?>) s.get("mean"));
      std = floats((List<?>) s.get("std"));
    }
    return new Archived(l, classes, meta.get("dendrite.data"), mean, std);
  }

  private static Tensor floats(List<?> l) {
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) f[i] = ((Number) l.get(i)).floatValue();
    return Tensor.of(f);
  }

  /** Applies the saved standardisation, if any. */
  Tensor prepare(Tensor x) {
    return mean == null ? x : x.sub(mean).div(std);
  }
}
