package dev.dendrite.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a torn
 * write: the bytes go to a temporary file in the same folder, are forced to disk, and the temporary
 * file is renamed over the target, and the folder is forced to disk too. The temporary file has a
 * fixed name ({@link #tmpOf}), so what a killed write left behind is replaced by the next write.
 * Errors name the target and keep their cause.
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
    try {
      if (dir != null) Files.createDirectories(dir);
      if (Files.isDirectory(target)) throw new IOException("is a directory");
      writeVia(tmpOf(target), target, dir, body);
    } catch (IOException e) {
      // "No space left on device" alone does not say which of a run's files failed.
      String msg = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new IOException(
          "writing " + target + ": " + (e instanceof NoSuchFileException ? "no such folder" : msg),
          e);
    }
  }

  /**
   * The temporary file a write of {@code target} goes through: one fixed name beside it, so the
   * leftover of a killed write is truncated and reused by the next write, not accumulated.
   */
  public static Path tmpOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".tmp");
  }

  private static void writeVia(Path tmp, Path target, Path dir, Writer body) throws IOException {
    try {
      try (var ch =
              FileChannel.open(
                  tmp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.write(out);
        out.flush();
        if (PAUSE > 0) pause();
        ch.force(true);
      }
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep its defaults
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (dir != null) forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Forces the folder's entry for the renamed file to disk: without it, a power cut after the
   * rename can bring back the old name (or none).
   */
  private static void forceDirectory(Path dir) {
    try (var ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems (and all of Windows) refuse to open a folder: the rename still stands
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
