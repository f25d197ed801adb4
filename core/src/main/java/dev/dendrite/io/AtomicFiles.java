package dev.dendrite.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a torn
 * write: the bytes go to a temporary file in the same folder, are forced to disk, and the temporary
 * file is renamed over the target.
 */
public final class AtomicFiles {
  /**
   * Milliseconds to wait between writing the temporary file and renaming it (0: none), set by the
   * system property {@code dendrite.atomicFiles.pauseMillis}: a crash test uses it to kill a run
   * inside a write on purpose rather than by luck.
   */
  private static final long PAUSE = Long.getLong("dendrite.atomicFiles.pauseMillis", 0);

  private AtomicFiles() {}

  /** Receives the stream of the temporary file. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (var ch =
              java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
          OutputStream out =
              new java.io.BufferedOutputStream(
                  java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        body.write(out);
        out.flush();
        if (PAUSE > 0) pause();
        ch.force(true);
      }
      // createTempFile makes the file owner-only (0600); the result should read like any other
      // file.
      try {
        Files.setPosixFilePermissions(
            tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep its defaults
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing");
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
