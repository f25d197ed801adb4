package dev.dendrite.io;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, versions 1.0–3.0: the magic {@code \x93NUMPY}, a version, a header
 * length, a Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3),
 * }}, then the data in C order. Reads {@code <f4 <f8 <i4 <i8 |u1 |i1 |b1} into float32; writes
 * {@code <f4}, atomically. The header is parsed with patterns, never evaluated, and the declared
 * shape is checked against the file's size before anything is allocated.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static Tensor read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      if (size < 10 || ch.read(pre, 0) < 10)
        throw new IOException(file + ": too short for a .npy file");
      for (int i = 0; i < 6; i++)
        if (pre.get(i) != MAGIC[i]) throw new IOException(file + ": not a .npy file (bad magic)");
      int major = pre.get(6);
      long headerLen, start;
      if (major == 1) {
        headerLen = pre.getShort(8) & 0xFFFF;
        start = 10;
      } else if (major == 2 || major == 3) {
        ByteBuffer l = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(l, 8);
        headerLen = l.getInt(0) & 0xFFFFFFFFL;
        start = 12;
      } else {
        throw new IOException(file + ": .npy version " + major + " not supported");
      }
      if (headerLen > size - start || headerLen > 1 << 20)
        throw new IOException(file + ": header length " + headerLen + " exceeds the file");
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      readFully(ch, hb, start, file);
      String header =
          new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
      if (!d.find() || !f.find() || !s.find())
        throw new IOException(file + ": malformed header " + header.trim());
      if (f.group(1).equals("True"))
        throw new IOException(
            file + ": Fortran-order arrays are not supported; save with np.ascontiguousarray");
      String descr = d.group(1);
      int width =
          switch (descr) {
            case "<f4", "<i4" -> 4;
            case "<f8", "<i8" -> 8;
            case "|u1", "|i1", "|b1" -> 1;
            default ->
                throw new IOException(
                    file
                        + ": dtype "
                        + descr
                        + " not supported (little-endian f4, f8, i4, i8, u1, i1, b1)");
          };
      List<Integer> dims = new ArrayList<>();
      long count = 1;
      for (String part : s.group(1).split(",")) {
        if (part.isBlank()) continue;
        long v;
        try {
          v = Long.parseLong(part.trim());
        } catch (NumberFormatException e) {
          throw new IOException(file + ": bad shape (" + s.group(1) + ")");
        }
        if (v < 0 || v > Integer.MAX_VALUE) throw new IOException(file + ": bad dimension " + v);
        dims.add((int) v);
        count *= v;
        if (count > (size - start - headerLen) / width + 1)
          throw new IOException(
              file + ": shape (" + s.group(1) + ") needs more data than the file holds");
      }
      long bytes = count * width, dataStart = start + headerLen;
      if (dataStart + bytes > size)
        throw new IOException(
            file
                + ": truncated: shape ("
                + s.group(1)
                + ") of "
                + descr
                + " needs "
                + bytes
                + " bytes");
      ByteBuffer data = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, data, dataStart, file);
      data.flip();
      float[] out = new float[(int) count];
      switch (descr) {
        case "<f4" -> data.asFloatBuffer().get(out);
        case "<f8" -> {
          for (int i = 0; i < out.length; i++) out[i] = (float) data.getDouble();
        }
        case "<i4" -> {
          for (int i = 0; i < out.length; i++) out[i] = data.getInt();
        }
        case "<i8" -> {
          for (int i = 0; i < out.length; i++) out[i] = data.getLong();
        }
        case "|i1" -> {
          for (int i = 0; i < out.length; i++) out[i] = data.get();
        }
        default -> {
          for (int i = 0; i < out.length; i++) out[i] = data.get() & 0xFF;
        }
      }
      return Tensor.of(out, dims.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file)
      throws IOException {
    while (b.hasRemaining()) {
      int r = ch.read(b, pos);
      if (r < 0) throw new IOException(file + ": truncated");
      pos += r;
    }
  }

  /** Writes a float32 array ({@code <f4}, C order, format 1.0), atomically. */
  public static void write(Path file, Tensor t) throws IOException {
    int[] shape = t.shape();
    StringBuilder s = new StringBuilder();
    for (int d : shape) s.append(d).append(shape.length == 1 ? "," : ", ");
    String dims =
        shape.length == 1 ? s.toString() : s.length() > 0 ? s.substring(0, s.length() - 2) : "";
    String dict =
        String.format(
            Locale.ROOT, "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }", dims);
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64; // NumPy aligns the data to 64 bytes
    String header = dict + " ".repeat(pad) + "\n";
    float[] v = t.toArray();
    AtomicFiles.write(
        file,
        out -> {
          ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
          pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
          out.write(pre.array());
          out.write(header.getBytes(StandardCharsets.ISO_8859_1));
          ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
          b.asFloatBuffer().put(v);
          out.write(b.array());
        });
  }
}
