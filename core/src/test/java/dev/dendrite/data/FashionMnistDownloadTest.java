package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download path, against a local server on 127.0.0.1 (the real host is not reachable from CI).
 */
class FashionMnistDownloadTest {
  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(data);
    }
    return b.toByteArray();
  }

  @Test
  void downloadsVerifiesAndRefusesTamperedFiles(@TempDir Path dir) throws Exception {
    byte[] payload = "fake idx content".getBytes();
    byte[] gz = gzip(payload);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body =
              ex.getRequestURI().getPath().endsWith("good.gz") ? gz : gzip("tampered".getBytes());
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      FashionMnist.download(base, dir, Map.of("good.gz", sha));
      assertThat(Files.readAllBytes(dir.resolve("good.gz"))).isEqualTo(gz);
      assertThatThrownBy(() -> FashionMnist.download(base, dir, Map.of("bad.gz", sha)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("checksum mismatch");
      assertThat(dir.resolve("bad.gz")).doesNotExist();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .containsExactly("good.gz"); // no partial files left
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theInstalledFilesMatchThePinnedChecksums() throws IOException {
    Path dir = FashionMnist.find();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir != null, "dataset-fashion-mnist is not installed");
    for (var e : FashionMnist.SHA256.entrySet()) {
      assertThat(FashionMnist.sha256OfGunzipped(dir.resolve(e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  private static byte[] idx(int[] shape, int payload) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    var out = new java.io.DataOutputStream(b);
    out.writeInt(0x0800 | shape.length);
    for (int s : shape) out.writeInt(s);
    for (int i = 0; i < payload; i++) out.writeByte(i % 10);
    return b.toByteArray();
  }

  @Test
  void everyReadChecksTheKnownChecksums(@TempDir Path dir) throws Exception {
    byte[] images = idx(new int[] {3, 28, 28}, 3 * 784), labels = idx(new int[] {3}, 3);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Map<String, String> sums =
        Map.of(
            "t10k-images-idx3-ubyte.gz", HexFormat.of().formatHex(md.digest(images)),
            "t10k-labels-idx1-ubyte.gz", HexFormat.of().formatHex(md.digest(labels)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels));
    assertThat(FashionMnist.load(dir, false, sums).size()).isEqualTo(3);
    images[100] ^= 1; // a flipped pixel in a well-formed gzip file
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images));
    assertThatThrownBy(() -> FashionMnist.load(dir, false, sums))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz")
        .hasMessageContaining("SHA-256");
  }
}
