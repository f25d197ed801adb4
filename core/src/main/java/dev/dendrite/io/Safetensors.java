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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__":
 * {...}}}), then the raw little-endian tensor bytes, offsets relative to the end of the header. No
 * code runs when a file is read, unlike Java or Python object serialization.
 *
 * <p>Reading converts F32, F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL to float32 (PyTorch
 * stores BatchNorm's {@code num_batches_tracked} as I64). Writing stores F32. The header length and
 * every offset are checked against the file's real size before anything is allocated.
 */
public final class Safetensors {
  private static final long MAX_HEADER = 100L << 20;

  private Safetensors() {}

  /** The tensors of a file and its string metadata. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) throw new IOException(file + ": not a safetensors file (" + size + " bytes)");
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0, file);
      long n = lenBuf.flip().getLong();
      if (n < 2 || n > size - 8 || n > MAX_HEADER) {
        throw new IOException(
            file + ": header length " + n + " does not fit a file of " + size + " bytes");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) n);
      readFully(ch, hb, 8, file);
      Object parsed;
      try {
        parsed = Json.parse(new String(hb.array(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": bad header: " + e.getMessage(), e);
      }
      if (!(parsed instanceof Map<?, ?> header))
        throw new IOException(file + ": header is not a JSON object");
      long dataStart = 8 + n, dataLen = size - dataStart;
      Map<String, String> meta = new LinkedHashMap<>();
      record Entry(String name, String dtype, int[] shape, long begin, long end) {}
      List<Entry> entries = new ArrayList<>();
      for (var e : header.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (name.equals("__metadata__")) {
          if (e.getValue() instanceof Map<?, ?> m)
            for (var me : m.entrySet())
              meta.put(String.valueOf(me.getKey()), String.valueOf(me.getValue()));
          continue;
        }
        if (!(e.getValue() instanceof Map<?, ?> info))
          throw new IOException(file + ": tensor " + name + ": entry is not an object");
        String dtype = String.valueOf(info.get("dtype"));
        int width = width(dtype);
        if (width == 0)
          throw new IOException(file + ": tensor " + name + ": dtype " + dtype + " not supported");
        int[] shape = ints(info.get("shape"), file, name, "shape");
        long count = 1;
        for (int d : shape) {
          if (d < 0)
            throw new IOException(file + ": tensor " + name + ": negative dimension in shape");
          count *= d;
          if (count > Integer.MAX_VALUE)
            throw new IOException(file + ": tensor " + name + " is too large");
        }
        Object offs = info.get("data_offsets");
        if (!(offs instanceof List<?> ol)
            || ol.size() != 2
            || !(ol.get(0) instanceof Long b)
            || !(ol.get(1) instanceof Long en)) {
          throw new IOException(file + ": tensor " + name + ": data_offsets must be two integers");
        }
        if (b < 0 || en < b || en > dataLen) {
          throw new IOException(
              file
                  + ": tensor "
                  + name
                  + ": data_offsets ["
                  + b
                  + ", "
                  + en
                  + "] outside the "
                  + dataLen
                  + " data bytes");
        }
        if (en - b != count * width) {
          throw new IOException(
              file
                  + ": tensor "
                  + name
                  + ": "
                  + (en - b)
                  + " bytes for "
                  + count
                  + " values of "
                  + dtype);
        }
        entries.add(new Entry(name, dtype, shape, b, en));
      }
      // The format requires the tensors to tile the data area without gaps or overlap.
      List<Entry> byOffset = new ArrayList<>(entries);
      byOffset.sort((x, y) -> Long.compare(x.begin(), y.begin()));
      long at = 0;
      for (Entry en : byOffset) {
        if (en.begin() != at)
          throw new IOException(
              file + ": tensor " + en.name() + " overlaps another or leaves a gap at byte " + at);
        at = en.end();
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry en : entries) {
        ByteBuffer buf =
            ByteBuffer.allocate((int) (en.end() - en.begin())).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + en.begin(), file);
        buf.flip();
        tensors.put(en.name(), Tensor.of(decode(en.dtype(), buf), en.shape()));
      }
      return new Contents(tensors, meta);
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

  private static int[] ints(Object o, Path file, String name, String field) throws IOException {
    if (!(o instanceof List<?> l))
      throw new IOException(file + ": tensor " + name + ": " + field + " must be a list");
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      if (!(l.get(i) instanceof Long v) || v > Integer.MAX_VALUE)
        throw new IOException(file + ": tensor " + name + ": bad " + field);
      a[i] = (int) (long) v;
    }
    return a;
  }

  private static int width(String dtype) {
    return switch (dtype) {
      case "F64", "I64" -> 8;
      case "F32", "I32" -> 4;
      case "F16", "BF16", "I16" -> 2;
      case "I8", "U8", "BOOL" -> 1;
      default -> 0;
    };
  }

  private static float[] decode(String dtype, ByteBuffer b) {
    int n = b.remaining() / width(dtype);
    float[] f = new float[n];
    switch (dtype) {
      case "F32" -> b.asFloatBuffer().get(f);
      case "F64" -> {
        for (int i = 0; i < n; i++) f[i] = (float) b.getDouble();
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) f[i] = Float.float16ToFloat(b.getShort());
      }
      case "BF16" -> {
        for (int i = 0; i < n; i++) f[i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
      }
      case "I64" -> {
        for (int i = 0; i < n; i++) f[i] = b.getLong();
      }
      case "I32" -> {
        for (int i = 0; i < n; i++) f[i] = b.getInt();
      }
      case "I16" -> {
        for (int i = 0; i < n; i++) f[i] = b.getShort();
      }
      case "I8" -> {
        for (int i = 0; i < n; i++) f[i] = b.get();
      }
      case "U8", "BOOL" -> {
        for (int i = 0; i < n; i++) f[i] = b.get() & 0xFF;
      }
      default -> throw new IllegalStateException(dtype);
    }
    return f;
  }

  /** Writes tensors as F32, atomically. Tensors are laid out in name order. */
  public static void write(
      Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    if (metadata != null && !metadata.isEmpty())
      header.put("__metadata__", new TreeMap<>(metadata));
    TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
    long at = 0;
    for (var e : sorted.entrySet()) {
      long bytes = 4L * e.getValue().numel();
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", "F32");
      info.put("shape", e.getValue().shape());
      info.put("data_offsets", List.of(at, at + bytes));
      header.put(e.getKey(), info);
      at += bytes;
    }
    byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8; // the reference writer pads with spaces to 8 bytes
    AtomicFiles.write(
        file,
        out -> {
          ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
          out.write(len.array());
          out.write(json);
          for (int i = json.length; i < padded; i++) out.write(' ');
          for (Tensor t : sorted.values()) {
            float[] d = t.toArray();
            ByteBuffer b = ByteBuffer.allocate(4 * d.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(d);
            out.write(b.array());
          }
        });
  }

  /**
   * The SHA-256 (hex) of the data section {@link #write} makes of {@code tensors}: float32,
   * little-endian, in name order.
   */
  public static String dataSha256(Map<String, ? extends Tensor> tensors) {
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Tensor t : new java.util.TreeMap<String, Tensor>(tensors).values()) {
      float[] d = t.toArray();
      java.nio.ByteBuffer b =
          java.nio.ByteBuffer.allocate(4 * d.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(d);
      md.update(b.array());
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }
}
