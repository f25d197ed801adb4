package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grey images of 10 kinds of clothing, 60,000 for
 * training and 10,000 for testing. Read from {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist}) or {@code ~/.dendrite/datasets/fashion-mnist}.
 */
public final class FashionMnist {
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnist() {}

  /** The folders searched, in order. */
  public static List<Path> searchPath() {
    return List.of(
        Path.of("/usr/share/datasets/fashion-mnist"),
        Path.of(System.getProperty("user.home"), ".dendrite", "datasets", "fashion-mnist"));
  }

  /** The first folder that holds the four files, or null. */
  public static Path find() {
    for (Path p : searchPath()) {
      if (Files.isRegularFile(p.resolve("train-images-idx3-ubyte.gz"))
          && Files.isRegularFile(p.resolve("t10k-labels-idx1-ubyte.gz"))) return p;
    }
    return null;
  }

  /** The official download location (Zalando Research). */
  public static final URI SOURCE =
      URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

  /**
   * SHA-256 of each file's <em>uncompressed</em> IDX content: repackagers recompress the .gz files
   * (Debian's differ from upstream in the gzip header), the data inside does not change.
   */
  static final Map<String, String> SHA256 =
      Map.of(
          "train-images-idx3-ubyte.gz",
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          "train-labels-idx1-ubyte.gz",
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          "t10k-images-idx3-ubyte.gz",
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          "t10k-labels-idx1-ubyte.gz",
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /**
   * Downloads the four files from {@code source} into {@code dir}, verifies each against {@link
   * #SHA256} before moving it into place (atomically), and returns {@code dir}.
   */
  static Path download(URI source, Path dir, Map<String, String> checksums) throws IOException {
    Files.createDirectories(dir);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    for (var e : checksums.entrySet()) {
      Path target = dir.resolve(e.getKey());
      if (Files.isRegularFile(target)) continue;
      Path tmp = Files.createTempFile(dir, "." + e.getKey(), ".part");
      try {
        HttpResponse<Path> r;
        try {
          r =
              http.send(
                  HttpRequest.newBuilder(source.resolve(e.getKey()))
                      .timeout(Duration.ofMinutes(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofFile(tmp));
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          throw new IOException("download of " + e.getKey() + " interrupted", x);
        }
        if (r.statusCode() != 200)
          throw new IOException(source.resolve(e.getKey()) + ": HTTP " + r.statusCode());
        String got = sha256OfGunzipped(tmp);
        if (!got.equals(e.getValue())) {
          throw new IOException(
              source.resolve(e.getKey())
                  + ": checksum mismatch (SHA-256 of the data "
                  + got
                  + ", expected "
                  + e.getValue()
                  + ")");
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return dir;
  }

  static String sha256OfGunzipped(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (java.util.zip.ZipException e) {
      throw new IOException(gz + ": not a gzip file: " + e.getMessage(), e);
    }
  }

  /**
   * Loads the training ({@code train = true}) or test split, pixels scaled to [0, 1], shape (N,
   * 784). When no folder has the files, downloads them into ~/.dendrite/datasets; when that fails
   * too, says how to get them. Every read checks the files' known SHA-256.
   */
  public static Labeled load(boolean train) throws IOException {
    Path dir = find();
    if (dir == null) {
      Path home = searchPath().get(1);
      try {
        dir = download(SOURCE, home, SHA256);
      } catch (IOException e) {
        throw new IOException(
            "Fashion-MNIST not found in "
                + searchPath()
                + " and the download from "
                + SOURCE
                + " failed ("
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                + "); install it with `apt-get install dataset-fashion-mnist`",
            e);
      }
    }
    return load(dir, train, SHA256);
  }

  /**
   * Reads a split from {@code dir}, checking each file against {@code checksums} on every read: a
   * flipped byte in the images would otherwise train silently (and cost accuracy).
   */
  static Labeled load(Path dir, boolean train, Map<String, String> checksums) throws IOException {
    String prefix = train ? "train" : "t10k";
    String imageFile = prefix + "-images-idx3-ubyte.gz",
        labelFile = prefix + "-labels-idx1-ubyte.gz";
    // Pixels straight into the float32 array the data set is held in (no byte copy kept beside it).
    Tensor images = Idx.readScaled(dir.resolve(imageFile), checksums.get(imageFile), 1f / 255f);
    Idx.Array labels = Idx.read(dir.resolve(labelFile), checksums.get(labelFile));
    int n = images.size(0);
    if (labels.shape()[0] != n)
      throw new IOException(dir + ": " + n + " images but " + labels.shape()[0] + " labels");
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) lab[i] = labels.data()[i] & 0xFF;
    return new Labeled(images.reshape(n, -1), lab, CLASSES);
  }
}
