package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of the MNIST family (LeCun et al.), plain or gzip: a magic number
 * {@code 0x0000 TT RR} (TT = 0x08 for unsigned bytes, RR = rank), RR big-endian int32 sizes, then
 * the data. Only unsigned-byte files are supported, which covers MNIST and Fashion-MNIST.
 *
 * <p>No allocation larger than the file can justify: the declared sizes are checked against the
 * file's real size (a gzip file expands at most about 1032:1) before any buffer is made.
 */
public final class Idx {
  private static final long MAX_DEFLATE_RATIO = 1032;

  private Idx() {}

  /** An IDX array: its sizes and its values as unsigned bytes. */
  public record Array(int[] shape, byte[] data) {
    /** Values scaled to [0, 1] as float32. */
    public Tensor toTensor(float scale) {
      float[] f = new float[data.length];
      for (int i = 0; i < f.length; i++) f[i] = (data[i] & 0xFF) * scale;
      return Tensor.of(f, shape);
    }
  }

  public static Array read(Path file) throws IOException {
    long fileSize = Files.size(file);
    boolean gz = file.getFileName().toString().endsWith(".gz");
    long bound = gz ? fileSize * MAX_DEFLATE_RATIO : fileSize;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in =
            new DataInputStream(
                new BufferedInputStream(gz ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
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
        if (n > bound) {
          throw new IOException(
              file + ": header declares more data than a file of " + fileSize + " bytes can hold");
        }
      }
      byte[] data = new byte[(int) n];
      try {
        in.readFully(data);
      } catch (EOFException e) {
        throw new IOException(file + ": truncated: header declares " + n + " values", e);
      }
      return new Array(shape, data);
    }
  }
}
