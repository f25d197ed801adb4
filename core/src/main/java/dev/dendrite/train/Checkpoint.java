package dev.dendrite.train;

import dev.dendrite.io.AtomicFiles;
import dev.dendrite.io.Json;
import dev.dendrite.io.Safetensors;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything needed to resume a run exactly: the model's state dict (prefix {@code model.}), the
 * optimizer's state (prefix {@code optim.}), the best epoch's weights when the run keeps them
 * (prefix {@code best.}; empty otherwise), and the trainer's counters, random state and run
 * settings as JSON metadata.
 *
 * <p>Written atomically ({@link dev.dendrite.io.AtomicFiles}: temporary file, fsync, rename, fsync
 * of the folder), so a crash leaves the previous checkpoint intact. The metadata carries the
 * SHA-256 of the tensors, checked on load. Saving first keeps the current file's content as {@link
 * #previous} (a hard link, the file itself staying in place), so one earlier good checkpoint
 * survives a file that is later damaged: {@link #loadLatest} falls back to it and says so.
 *
 * @param epoch epochs completed
 * @param step optimizer steps taken
 * @param rngState the shuffling generator's state after {@code epoch}
 * @param extra small numbers to carry along (best metric, bad epochs, lr)
 * @param settings what the run was made with (the model's spec, the optimizer and its
 *     hyper-parameters); a resume with other settings is refused. Empty in checkpoints written
 *     before settings were recorded.
 */
public record Checkpoint(
    Map<String, Tensor> model,
    Map<String, Tensor> optimizer,
    Map<String, Tensor> best,
    int epoch,
    int step,
    long rngState,
    Map<String, Double> extra,
    Map<String, String> settings) {
  private static final String KEY = "dendrite.checkpoint";

  public Checkpoint {
    settings = Map.copyOf(settings);
  }

  /** A checkpoint that records no run settings. */
  public Checkpoint(
      Map<String, Tensor> model,
      Map<String, Tensor> optimizer,
      Map<String, Tensor> best,
      int epoch,
      int step,
      long rngState,
      Map<String, Double> extra) {
    this(model, optimizer, best, epoch, step, rngState, extra, Map.of());
  }

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

  /** The same checkpoint with its run settings. */
  public Checkpoint withSettings(Map<String, String> s) {
    return new Checkpoint(model, optimizer, best, epoch, step, rngState, extra, s);
  }

  /** Where the checkpoint before the latest one of {@code file} is kept. */
  public static Path previous(Path file) {
    return file.resolveSibling(file.getFileName() + ".prev");
  }

  /** Whether {@code file} or its {@link #previous} exists: whether there is anything to resume. */
  public static boolean exists(Path file) {
    return Files.exists(file) || Files.exists(previous(file));
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
    meta.put("settings", new java.util.TreeMap<>(settings));
    meta.put("sha256", Safetensors.dataSha256(all));
    if (Files.isRegularFile(file)) keepAsPrevious(file);
    Safetensors.write(file, all, Map.of(KEY, Json.write(meta)));
  }

  /**
   * Makes {@link #previous} a second name of {@code file}'s current content, leaving {@code file}
   * in place: renaming it away instead would leave no {@code file} until the new one is renamed in,
   * and a kill in that gap looks, to anyone checking {@code file}, like a run that never
   * checkpointed (its metrics log then gets deleted or restarted while the resume quietly uses the
   * previous checkpoint). A hard link costs no copy; where links are refused, the bytes are copied.
   */
  private static void keepAsPrevious(Path file) throws IOException {
    Path prev = previous(file), link = AtomicFiles.tmpOf(prev);
    try {
      Files.deleteIfExists(link);
      Files.createLink(link, file);
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(link);
      AtomicFiles.write(prev, out -> Files.copy(file, out));
      return;
    }
    try {
      Files.move(link, prev, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(link, prev, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * {@link #load} of {@code file}; when it is missing or damaged, the {@link #previous} checkpoint,
   * after telling {@code report} why. Fails, naming both files, when neither loads.
   */
  public static Checkpoint loadLatest(Path file, Consumer<String> report) throws IOException {
    Path prev = previous(file);
    IOException latest;
    if (Files.exists(file)) {
      try {
        return load(file);
      } catch (IOException e) {
        latest = e;
      }
    } else {
      latest = new IOException(file + ": no such file");
    }
    if (!Files.exists(prev)) throw latest;
    Checkpoint c;
    try {
      c = load(prev);
    } catch (IOException e) {
      latest.addSuppressed(e);
      throw new IOException(
          latest.getMessage() + "; the previous one too: " + e.getMessage(), latest);
    }
    report.accept(
        latest.getMessage() + "; resuming from the previous checkpoint " + prev + " instead");
    return c;
  }

  public static Checkpoint load(Path file) throws IOException {
    Safetensors.Contents c = Safetensors.read(file);
    String json = c.metadata().get(KEY);
    if (json == null)
      throw new IOException(file + ": not a Dendrite checkpoint (no " + KEY + " metadata)");
    Map<?, ?> meta;
    try {
      if (!(Json.parse(json) instanceof Map<?, ?> m))
        throw new IllegalArgumentException("not a JSON object");
      meta = m;
    } catch (IllegalArgumentException e) {
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
    // Checkpoints written before the checksum existed have none: they load unchecked.
    if (meta.get("sha256") instanceof String sum
        && !sum.equals(Safetensors.dataSha256(c.tensors())))
      throw new IOException(file + ": the tensors do not match their checksum: corrupt checkpoint");
    Map<String, Double> extra = new LinkedHashMap<>();
    if (meta.get("extra") instanceof Map<?, ?> x) {
      for (var e : x.entrySet())
        if (e.getValue() instanceof Number n)
          extra.put(String.valueOf(e.getKey()), n.doubleValue());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (meta.get("settings") instanceof Map<?, ?> s)
      for (var e : s.entrySet())
        settings.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    if (!(meta.get("epoch") instanceof Number epoch) || !(meta.get("step") instanceof Number step))
      throw new IOException(file + ": corrupt checkpoint metadata: no epoch or step");
    try {
      return new Checkpoint(
          model,
          optim,
          best,
          epoch.intValue(),
          step.intValue(),
          Long.parseLong(String.valueOf(meta.get("rng"))),
          extra,
          settings);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": corrupt checkpoint metadata: " + e.getMessage(), e);
    }
  }
}
