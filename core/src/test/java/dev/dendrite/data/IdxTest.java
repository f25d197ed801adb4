package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and lying IDX files: each is an IOException naming the file, cheaply. */
class IdxTest {
  private static byte[] idx(int[] shape, byte[] payload) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x0800 | shape.length);
    for (int s : shape) out.writeInt(s);
    out.write(payload);
    return b.toByteArray();
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(plain);
    }
    return b.toByteArray();
  }

  private static byte[] noise(int n) {
    byte[] b = new byte[n];
    new Random(1).nextBytes(b);
    return b;
  }

  /** Bytes this thread allocated while reading {@code file} (which must fail). */
  private static long allocatedByFailingRead(Path file) {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = mx.getThreadAllocatedBytes(id);
    assertThatThrownBy(() -> Idx.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.getFileName().toString());
    return mx.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void aGzipHeaderClaiming2MillionImagesAllocatesOnlyWhatArrives(@TempDir Path dir)
      throws IOException {
    // 1.6 MB of incompressible data: the 1032:1 deflate bound alone would allow 1.65 GB.
    Path f =
        Files.write(
            dir.resolve("lying-images.gz"),
            gzip(idx(new int[] {2_000_000, 28, 28}, noise(1_600_000))));
    assertThat(allocatedByFailingRead(f)).isLessThan(64L << 20);
  }

  @Test
  void aHeaderClaiming3MillionImagesIsAnErrorNotAnIntOverflow(@TempDir Path dir)
      throws IOException {
    Path f =
        Files.write(
            dir.resolve("overflow.gz"), gzip(idx(new int[] {3_000_000, 28, 28}, noise(2_400_000))));
    assertThatThrownBy(() -> Idx.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("overflow.gz")
        .hasMessageContaining("declares more");
  }

  @Test
  void aFlippedByteInTheGzipTrailerIsCaught(@TempDir Path dir) throws IOException {
    byte[] gz = gzip(idx(new int[] {4, 2, 2}, noise(16)));
    gz[gz.length - 6] ^= 1; // inside the CRC-32 of the trailer
    Path f = Files.write(dir.resolve("crc.gz"), gz);
    assertThatThrownBy(() -> Idx.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("crc.gz")
        .hasMessageContaining("corrupt gzip");
  }

  @Test
  void aFlippedDataByteFailsTheKnownChecksum(@TempDir Path dir) throws Exception {
    byte[] plain = idx(new int[] {4, 2, 2}, noise(16));
    String sha =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(plain));
    Path good = Files.write(dir.resolve("good.gz"), gzip(plain));
    assertThat(Idx.read(good, sha).shape()).containsExactly(4, 2, 2);
    plain[20] ^= 1;
    Path bad = Files.write(dir.resolve("flipped.gz"), gzip(plain));
    assertThatThrownBy(() -> Idx.read(bad, sha))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("flipped.gz")
        .hasMessageContaining("SHA-256");
  }

  @Test
  void truncatedEmptyAndNonGzipFilesNameTheFile(@TempDir Path dir) throws IOException {
    byte[] gz = gzip(idx(new int[] {100, 28, 28}, noise(78_400)));
    Path cut = Files.write(dir.resolve("cut.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
    Path empty = Files.write(dir.resolve("empty.gz"), new byte[0]);
    Path emptyPlain = Files.write(dir.resolve("empty.idx"), new byte[0]);
    Path notGzip = Files.write(dir.resolve("plain.gz"), idx(new int[] {1}, new byte[1]));
    for (Path f : new Path[] {cut, empty, emptyPlain, notGzip}) {
      assertThatThrownBy(() -> Idx.read(f))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(f.toString() + ": ");
    }
    assertThatThrownBy(() -> Idx.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("directory");
  }

  @Test
  void trailingBytesAfterTheDataAreAnError(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("long.idx"), idx(new int[] {2}, new byte[3]));
    assertThatThrownBy(() -> Idx.read(f)).hasMessageContaining("bytes after");
  }

  @Test
  void readScaledGivesTheValuesOfReadTimesTheScale(@TempDir Path dir) throws Exception {
    byte[] plain = idx(new int[] {3, 2, 5}, noise(30));
    String sha =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(plain));
    for (Path f :
        new Path[] {
          Files.write(dir.resolve("a.gz"), gzip(plain)), Files.write(dir.resolve("a.idx"), plain)
        }) {
      var t = Idx.readScaled(f, sha, 0.5f);
      assertThat(t.shape()).containsExactly(3, 2, 5);
      byte[] raw = Idx.read(f, sha).data();
      float[] got = t.toArray();
      for (int i = 0; i < raw.length; i++) assertThat(got[i]).isEqualTo((raw[i] & 0xFF) * 0.5f);
    }
    plain[20] ^= 1;
    Path bad = Files.write(dir.resolve("flipped.gz"), gzip(plain));
    assertThatThrownBy(() -> Idx.readScaled(bad, sha, 1f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("flipped.gz")
        .hasMessageContaining("SHA-256");
  }

  @Test
  void readScaledMakesNoArrayForALyingGzipHeader(@TempDir Path dir) throws IOException {
    // The float array would be 6.3 GB; the count pass fails first, having kept nothing.
    Path f =
        Files.write(
            dir.resolve("lying.gz"), gzip(idx(new int[] {2_000_000, 28, 28}, noise(1_600_000))));
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = mx.getThreadAllocatedBytes(id);
    assertThatThrownBy(() -> Idx.readScaled(f, null, 1f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("lying.gz")
        .hasMessageContaining("truncated");
    assertThat(mx.getThreadAllocatedBytes(id) - before).isLessThan(8L << 20);
  }
}
