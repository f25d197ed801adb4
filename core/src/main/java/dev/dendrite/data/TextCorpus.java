package dev.dendrite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a text corpus: UTF-8 (strictly: a malformed byte is an error, not a silent U+FFFD), line
 * endings kept as they are. Files larger than the limit are refused before anything is read, and
 * the read itself stops at the limit, so a file that grows meanwhile cannot make it allocate more.
 * Errors name the file.
 */
public final class TextCorpus {
  /**
   * The default limit, 64 MiB: far more than a character model here trains on in reasonable time.
   */
  public static final long DEFAULT_LIMIT = 64L << 20;

  private TextCorpus() {}

  public static String read(Path file) throws IOException {
    return read(file, DEFAULT_LIMIT);
  }

  public static String read(Path file, long maxBytes) throws IOException {
    if (!Files.exists(file)) throw new IOException(file + ": no such file");
    if (!Files.isRegularFile(file)) throw new IOException(file + ": not a regular file");
    long size = Files.size(file);
    if (size > maxBytes)
      throw new IOException(
          file + ": " + size + " bytes, more than the limit of " + maxBytes + " for a text corpus");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
    }
    if (bytes.length > maxBytes)
      throw new IOException(
          file + ": grew past the limit of " + maxBytes + " bytes while being read");
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try {
      String text = dec.decode(buf).toString();
      if (text.isEmpty()) throw new IOException(file + ": empty file");
      return text;
    } catch (MalformedInputException e) {
      throw new IOException(
          file + ": not UTF-8 text (malformed byte at offset " + buf.position() + ")", e);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text", e);
    }
  }

  /** Several files, concatenated in order; the limit applies to their total size. */
  public static String read(List<Path> files, long maxBytes) throws IOException {
    if (files.isEmpty()) throw new IllegalArgumentException("TextCorpus: no files");
    if (files.size() == 1) return read(files.get(0), maxBytes);
    long total = 0;
    for (Path f : files) {
      if (!Files.isRegularFile(f))
        return read(f, maxBytes); // names the file and what is wrong with it
      total += Files.size(f);
    }
    if (total > maxBytes)
      throw new IOException(
          String.join(", ", files.stream().map(Path::toString).toList())
              + ": "
              + total
              + " bytes together, more than the limit of "
              + maxBytes
              + " for a text corpus");
    StringBuilder sb = new StringBuilder();
    long left = maxBytes;
    for (Path f : files) {
      String t = read(f, left);
      sb.append(t);
      left -= t.getBytes(StandardCharsets.UTF_8).length;
    }
    return sb.toString();
  }
}
