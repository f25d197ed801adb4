package dev.dendrite.tune;

import dev.dendrite.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A search's record on disk, in JSON lines: first a header (what the search is: its space, strategy
 * and seed), then one line per finished job. Each line is appended with one write and forced to
 * disk before the next job's result counts, so a killed search loses at most the line it was
 * writing; that torn last line is dropped (and cut off the file) when the study is opened again.
 */
public final class Study implements AutoCloseable {
  private final Path file;
  private final List<Map<String, Object>> records;
  private final FileChannel channel;

  private Study(Path file, List<Map<String, Object>> records, FileChannel channel) {
    this.file = file;
    this.records = records;
    this.channel = channel;
  }

  /**
   * Opens {@code file}, or creates it with {@code header}. An existing study must have been made
   * with an equal header, else this is an error saying which entry differs. A line that does not
   * parse is an error naming it, unless it is the last (a write cut short): then it is removed.
   */
  public static Study open(Path file, Map<String, Object> header) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    List<Map<String, Object>> records = new ArrayList<>();
    long good = 0;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int start = 0, line = 0;
      while (start < bytes.length) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') end++;
        line++;
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        boolean last = end >= bytes.length - 1;
        Map<String, Object> rec = null;
        try {
          if (end < bytes.length && Json.parse(text) instanceof Map<?, ?> m) rec = cast(m);
        } catch (IllegalArgumentException e) {
          rec = null;
        }
        if (rec == null && !text.isBlank()) {
          if (last) break; // torn by a crash mid-write: dropped
          throw new IOException(
              file + " line " + line + ": not a study record: " + abbreviate(text));
        }
        if (rec != null) records.add(rec);
        start = end + 1;
        good = Math.min(start, bytes.length);
      }
    }
    if (!records.isEmpty()) {
      Map<String, Object> h = records.getFirst();
      Object stored = h.get("study");
      if (stored == null) throw new IOException(file + " line 1: not a study header");
      Object want = Json.parse(Json.write(header));
      if (!stored.equals(want)) throw new IOException(file + ": " + difference(stored, want));
      records.removeFirst();
    }
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    ch.truncate(good);
    ch.position(good);
    Study s = new Study(file, records, ch);
    if (good == 0) s.append(Map.of("study", header));
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** Which header entry differs, e.g. "made with seed 1, not 2". */
  private static String difference(Object stored, Object want) {
    if (stored instanceof Map<?, ?> a && want instanceof Map<?, ?> b) {
      for (var e : b.entrySet()) {
        Object old = a.get(e.getKey());
        if (!e.getValue().equals(old))
          return "the study was made with "
              + e.getKey()
              + " "
              + Json.write(old)
              + ", not "
              + Json.write(e.getValue())
              + "; give another --study file to start a new one";
      }
    }
    return "the study was made with other settings; give another --study file to start a new one";
  }

  /** The job records read from the file when it was opened, oldest first (no header). */
  public List<Map<String, Object>> records() {
    return List.copyOf(records);
  }

  public Path file() {
    return file;
  }

  /** Appends one record as a line and forces it to disk. */
  public synchronized void append(Map<String, Object> record) throws IOException {
    byte[] line = (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(line);
    while (b.hasRemaining()) channel.write(b);
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
