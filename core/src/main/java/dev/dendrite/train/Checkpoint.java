package dev.dendrite.train;

import dev.dendrite.io.Json;
import dev.dendrite.io.Safetensors;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to resume a run exactly: the model's state dict (prefix {@code model.}), the
 * optimizer's state (prefix {@code optim.}), the best epoch's weights when the run keeps them
 * (prefix {@code best.}; empty otherwise), and the trainer's counters and random state as JSON
 * metadata. Written atomically (temporary file, then rename), so a crash leaves the previous
 * checkpoint intact.
 *
 * @param epoch epochs completed
 * @param step optimizer steps taken
 * @param rngState the shuffling generator's state after {@code epoch}
 * @param extra small numbers to carry along (best metric, bad epochs, lr)
 */
public record Checkpoint(
    Map<String, Tensor> model,
    Map<String, Tensor> optimizer,
    Map<String, Tensor> best,
    int epoch,
    int step,
    long rngState,
    Map<String, Double> extra) {
  private static final String KEY = "dendrite.checkpoint";

  /** A checkpoint of a run that keeps no best epoch. */
  public Checkpoint(
      Map<String, Tensor> model,
      Map<String, Tensor> optimizer,
      int epoch,
      int step,
      long rngState,
      Map<String, Double> extra) {
    this(model, optimizer, Map.of(), epoch, step, rngState, extra);
  }

  public void save(Path file) throws IOException {
    Map<String, Tensor> all = new LinkedHashMap<>();
    model.forEach((k, v) -> all.put("model." + k, v));
    optimizer.forEach((k, v) -> all.put("optim." + k, v));
    best.forEach((k, v) -> all.put("best." + k, v));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("epoch", epoch);
    meta.put("step", step);
    meta.put(
        "rng", Long.toString(rngState)); // as text: JSON numbers lose 64-bit precision elsewhere
    meta.put("extra", new LinkedHashMap<>(extra));
    Safetensors.write(file, all, Map.of(KEY, Json.write(meta)));
  }

  public static Checkpoint load(Path file) throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    String json = c.metadata().get(KEY);
    if (json == null)
      throw new IOException(file + ": not a Dendrite checkpoint (no " + KEY + " metadata)");
    Map<?, ?> meta;
    try {
      meta = (Map<?, ?>) Json.parse(json);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + ": corrupt checkpoint metadata: " + e.getMessage(), e);
    }
    Map<String, Tensor> model = new LinkedHashMap<>(),
        optim = new LinkedHashMap<>(),
        best = new LinkedHashMap<>();
    for (var e : c.tensors().entrySet()) {
      if (e.getKey().startsWith("model.")) model.put(e.getKey().substring(6), e.getValue());
      else if (e.getKey().startsWith("optim.")) optim.put(e.getKey().substring(6), e.getValue());
      else if (e.getKey().startsWith("best.")) best.put(e.getKey().substring(5), e.getValue());
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    if (meta.get("extra") instanceof Map<?, ?> x) {
      for (var e : x.entrySet())
        if (e.getValue() instanceof Number n)
          extra.put(String.valueOf(e.getKey()), n.doubleValue());
    }
    try {
      return new Checkpoint(
          model,
          optim,
          best,
          ((Number) meta.get("epoch")).intValue(),
          ((Number) meta.get("step")).intValue(),
          Long.parseLong(String.valueOf(meta.get("rng"))),
          extra);
    } catch (RuntimeException e) {
      throw new IOException(file + ": corrupt checkpoint metadata: " + e.getMessage(), e);
    }
  }
}
