package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of the MNIST family (LeCun et al.), plain or gzip: a magic number
 * {@code 0x0000 TT RR} (TT = 0x08 for unsigned bytes, RR = rank), RR big-endian int32 sizes, then
 * the data. Only unsigned-byte files are supported, which covers MNIST and Fashion-MNIST.
 *
 * <p>No allocation larger than the file can justify: the declared sizes are checked against the
 * file's real size (a gzip file expands at most about 1032:1) before any buffer is made, and the
 * buffer grows only as the data arrives. Errors are {@link IOException}s that name the file.
 */
public final class Idx {
  private static final long MAX_DEFLATE_RATIO = 1032;
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8; // the largest Java array

  private Idx() {}

  /** An IDX array: its sizes and its values as unsigned bytes. */
  public record Array(int[] shape, byte[] data) {
    /** Values scaled to [0, 1] as float32. */
    public Tensor toTensor(float scale) {
      float[] f = new float[data.length];
      for (int i = 0; i < f.length; i++) f[i] = (data[i] & 0xFF) * scale;
      return Tensor.wrap(f, shape);
    }
  }

  public static Array read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads {@code file}; when {@code sha256} is not null, the SHA-256 of the whole uncompressed
   * content (header and data) must equal it. A gzip file is read to its end, so its trailer's
   * CRC-32 and length are checked too. Every error is an {@link IOException} naming the file.
   */
  public static Array read(Path file, String sha256) throws IOException {
    return parse(file, sha256, (in, shape, n) -> new Array(shape, readAtMost(in, n, file)));
  }

  /**
   * Reads {@code file} as {@link #read(Path, String)} does, straight into a float32 tensor of its
   * shape, each value times {@code scale}: the one array the caller keeps is the only large one
   * made. A gzip file is read twice, first only to count its values (nothing kept), so that the
   * array is made only once the file has shown it holds what its header declares; a plain file's
   * size already shows that.
   */
  public static Tensor readScaled(Path file, String sha256, float scale) throws IOException {
    int[] declared = null;
    if (file.getFileName().toString().endsWith(".gz")) {
      declared =
          parse(
              file,
              null,
              (in, shape, n) -> {
                byte[] buf = new byte[1 << 16];
                for (int got = 0, r; got < n; got += r) {
                  r = in.read(buf, 0, Math.min(buf.length, n - got));
                  if (r < 0) throw truncated(file, n, got);
                }
                return shape;
              });
    }
    int[] counted = declared;
    return parse(
        file,
        sha256,
        (in, shape, n) -> {
          if (counted != null && !Arrays.equals(counted, shape))
            throw new IOException(file + ": changed while being read");
          float[] f = new float[n];
          byte[] buf = new byte[1 << 16];
          for (int got = 0, r; got < n; got += r) {
            r = in.read(buf, 0, Math.min(buf.length, n - got));
            if (r < 0) throw truncated(file, n, got);
            for (int i = 0; i < r; i++) f[got + i] = (buf[i] & 0xFF) * scale;
          }
          return Tensor.wrap(f, shape);
        });
  }

  /** What is made of a file's {@code n} values, read from {@code in} after its header. */
  @FunctionalInterface
  private interface Body<T> {
    T read(DataInputStream in, int[] shape, int n) throws IOException;
  }

  /**
   * Reads the header, lets {@code body} read the {@code n} values it declares, then checks that
   * nothing follows and, when {@code sha256} is not null, the checksum.
   */
  private static <T> T parse(Path file, String sha256, Body<T> body) throws IOException {
    if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, not an IDX file");
    long fileSize = Files.size(file);
    boolean gz = file.getFileName().toString().endsWith(".gz");
    long bound = gz ? fileSize * MAX_DEFLATE_RATIO : fileSize;
    MessageDigest md = sha256 == null ? null : sha256();
    try (InputStream raw = Files.newInputStream(file);
        InputStream unzipped = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
        InputStream digested = md == null ? unzipped : new DigestInputStream(unzipped, md);
        DataInputStream in = new DataInputStream(new BufferedInputStream(digested, 1 << 16))) {
      int magic = in.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != 0x08) {
        throw new IOException(
            file + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
      }
      int rank = magic & 0xFF;
      if (rank < 1 || rank > 4)
        throw new IOException(file + ": IDX rank " + rank + " not supported");
      int[] shape = new int[rank];
      long n = 1;
      for (int i = 0; i < rank; i++) {
        shape[i] = in.readInt();
        if (shape[i] < 0)
          throw new IOException(file + ": negative size " + shape[i] + " in dimension " + i);
        n *= shape[i];
        if (n > bound || n > MAX_VALUES) {
          throw new IOException(
              file
                  + ": header declares more data ("
                  + (n > MAX_VALUES ? "over " + MAX_VALUES : n)
                  + " values) than a file of "
                  + fileSize
                  + " bytes can hold");
        }
      }
      T result = body.read(in, shape, (int) n);
      if (in.read() >= 0)
        throw new IOException(file + ": bytes after the " + n + " values the header declares");
      if (md != null) {
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equalsIgnoreCase(sha256))
          throw new IOException(
              file + ": SHA-256 of the data is " + got + ", expected " + sha256 + " (corrupt?)");
      }
      return result;
    } catch (EOFException e) {
      throw new IOException(file + ": truncated (ends at byte " + fileSize + ")", e);
    } catch (ZipException e) {
      throw new IOException(file + ": corrupt gzip data: " + e.getMessage(), e);
    }
  }

  private static IOException truncated(Path file, int n, int got) {
    return new IOException(
        file + ": truncated: the header declares " + n + " values, the file holds " + got);
  }

  /**
   * Reads exactly {@code n} bytes into a buffer that grows with what actually arrives, so a header
   * that lies about the size costs no more memory than the data really there (a gzip bomb's 1032:1
   * bound alone would still allow a large allocation).
   */
  private static byte[] readAtMost(DataInputStream in, int n, Path file) throws IOException {
    byte[] buf = new byte[Math.min(n, 1 << 20)];
    int got = 0;
    while (got < n) {
      if (got == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
      int r = in.read(buf, got, buf.length - got);
      if (r < 0) throw truncated(file, n, got);
      got += r;
    }
    return buf;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
