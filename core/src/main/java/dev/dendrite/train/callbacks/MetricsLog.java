package dev.dendrite.train.callbacks;

import dev.dendrite.io.Json;
import dev.dendrite.train.Stateful;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends one JSON object per line to a file: one per epoch ({@code {"event": "epoch", "epoch": 3,
 * "loss": ..., "val_accuracy": ...}}), one per {@code every}-th step, and one when the run ends.
 * Each line is written whole as it comes, so a crashed run leaves a readable log. The log's length
 * rides in checkpoints ({@link Stateful}): a run resumed from one first cuts the log back to that
 * length, so lines a killed run wrote after its last checkpoint are not repeated.
 */
public final class MetricsLog implements TrainListener, Stateful, AutoCloseable {
  private final Path file;
  private final FileChannel out;
  private final int every;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /**
   * The records of a log, in order. A last line without its newline is what a killed run was
   * writing: it is left out. Any other line that is not a JSON object is an error naming the file
   * and line.
   */
  public static java.util.List<Map<String, Object>> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text", e);
    }
    java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
    String[] lines = text.split("\n", -1);
    // the element after the last newline: empty, or a torn write
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isBlank()) continue;
      Object o;
      try {
        o = Json.parse(lines[i]);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
      if (!(o instanceof Map<?, ?> m))
        throw new IOException(file + ":" + (i + 1) + ": not a JSON object");
      Map<String, Object> rec = new LinkedHashMap<>();
      m.forEach((k, v) -> rec.put(String.valueOf(k), v));
      out.add(rec);
    }
    return out;
  }

  /** Logs epochs, the run's end, and every {@code everySteps}-th step (0: no steps). */
  public MetricsLog(Path file, int everySteps) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    this.file = file;
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    out.position(out.size());
    this.every = everySteps;
  }

  /**
   * A field that every line written from now on carries after {@code event}, e.g. the layer of a
   * greedy layer-wise run whose layers each count their epochs from 1; a null value removes it.
   */
  public MetricsLog field(String key, Object value) {
    if (value == null) fields.remove(key);
    else fields.put(key, value);
    return this;
  }

  /**
   * Writes a line of another kind, {@code {"event": event, ...fields}} (e.g. {@link GradNorms}'
   * per-layer gradient norms), carrying the {@link #field}s as epoch lines do.
   */
  public void write(String event, Map<String, Object> values) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.putAll(values);
    emit(line);
  }

  @Override
  public void on(TrainEvent e) {
    Map<String, Object> line = new LinkedHashMap<>();
    switch (e) {
      case TrainEvent.BatchEnded b -> {
        if (every <= 0 || b.step() % every != 0) return;
        line.put("event", "step");
        line.put("epoch", b.epoch());
        line.put("step", b.step());
        line.put("loss", b.loss());
      }
      case TrainEvent.EpochEnded en -> {
        line.put("event", "epoch");
        line.put("epoch", en.epoch());
        line.putAll(en.metrics());
        line.put("seconds", en.elapsed().toNanos() / 1e9);
      }
      case TrainEvent.RunFinished f -> {
        line.put("event", "end");
        line.put("epochs", f.epochs());
        line.put("reason", f.reason());
        line.putAll(f.lastMetrics());
      }
      case TrainEvent.CheckpointSaved c -> {
        line.put("event", "checkpoint");
        line.put("epoch", c.epoch());
        line.put("step", c.step());
        line.put("file", c.file().toString());
      }
      default -> {
        return;
      }
    }
    emit(line);
  }

  private void emit(Map<String, Object> line) {
    if (!fields.isEmpty()) {
      Map<String, Object> tagged = new LinkedHashMap<>();
      tagged.put("event", line.remove("event"));
      tagged.putAll(fields);
      tagged.putAll(line);
      line = tagged;
    }
    try {
      line.replaceAll((k, v) -> v instanceof Double d && !Double.isFinite(d) ? d.toString() : v);
      ByteBuffer bytes =
          ByteBuffer.wrap((Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) out.write(bytes);
    } catch (IOException x) {
      throw new UncheckedIOException("writing " + file + ": " + x.getMessage(), x);
    }
  }

  @Override
  public String key() {
    return "metrics_log";
  }

  @Override
  public Map<String, Double> state() {
    try {
      return Map.of("bytes", (double) out.position());
    } catch (IOException x) {
      throw new UncheckedIOException("reading the position of " + file, x);
    }
  }

  /** Cuts the log back to its length when the checkpoint was written (a shorter log is kept). */
  @Override
  public void restore(Map<String, Double> state) {
    Double bytes = state.get("bytes");
    try {
      if (bytes != null && bytes <= out.size()) {
        out.truncate(bytes.longValue());
        out.position(bytes.longValue());
      }
    } catch (IOException x) {
      throw new UncheckedIOException("cutting back " + file + ": " + x.getMessage(), x);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
