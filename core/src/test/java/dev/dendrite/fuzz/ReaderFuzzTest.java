package dev.dendrite.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.dendrite.data.Csv;
import dev.dendrite.data.Idx;
import dev.dendrite.data.ImageFolder;
import dev.dendrite.data.TextCorpus;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.io.Npy;
import dev.dendrite.io.Safetensors;
import dev.dendrite.tensor.Rng;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.callbacks.MetricsLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of every file reader (Jazzer). The contract each target checks, whatever
 * the bytes: the reader returns, or throws an {@link IOException} whose message names the file; it
 * allocates no more than the file's size can justify; it does not hang (Jazzer's per-input
 * timeout).
 *
 * <p>In a normal {@code mvn test} the targets replay their seed corpus and every past finding
 * (src/test/resources/dev/dendrite/fuzz/ReaderFuzzTestInputs/TARGET/) as regression tests; {@code
 * mvn -Pfuzz} fuzzes each for a while.
 */
class ReaderFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("dendrite-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A reader of one file. */
  @FunctionalInterface
  interface Reader {
    void read(Path file) throws IOException;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Writes {@code data} to {@code name} under the scratch folder, reads it, and checks the
   * contract. {@code expansion} is how many bytes of memory one byte of the file may justify (a
   * compressed format's ratio); 64 MiB of headroom on top covers fixed costs.
   */
  static void check(byte[] data, String name, long expansion, Reader reader) throws IOException {
    Path file = DIR.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, data);
    long limit = (64L << 20) + expansion * Math.max(1, data.length);
    long allocated = readOnce(file, reader);
    // The first read of a kind loads (and instruments) its classes on this thread: measure again.
    if (allocated > limit) allocated = readOnce(file, reader);
    assertThat(allocated)
        .as("bytes allocated to read a file of %d bytes", data.length)
        .isLessThanOrEqualTo(limit);
  }

  /** Reads {@code file}, checks that any error names it, and returns the bytes allocated. */
  private static long readOnce(Path file, Reader reader) {
    long id = Thread.currentThread().threadId();
    long before = THREADS.getThreadAllocatedBytes(id);
    try {
      reader.read(file);
    } catch (IOException e) {
      assertThat(e.getMessage())
          .as("the error names the file")
          .contains(file.getFileName().toString());
    }
    return THREADS.getThreadAllocatedBytes(id) - before;
  }

  @FuzzTest(maxDuration = "30s")
  void idxPlain(byte[] data) throws IOException {
    check(data, "images-idx3-ubyte", 4, Idx::read);
  }

  @FuzzTest(maxDuration = "30s")
  void idxGzip(byte[] data) throws IOException {
    check(data, "images-idx3-ubyte.gz", 2 * 1032 + 8, Idx::read);
  }

  @FuzzTest(maxDuration = "30s")
  void csv(byte[] data) throws IOException {
    check(data, "data.csv", 256, f -> Csv.read(f, "label"));
  }

  @FuzzTest(maxDuration = "30s")
  void npy(byte[] data) throws IOException {
    check(data, "array.npy", 16, Npy::read);
  }

  @FuzzTest(maxDuration = "30s")
  void safetensors(byte[] data) throws IOException {
    check(data, "weights.safetensors", 64, Safetensors::read);
  }

  @FuzzTest(maxDuration = "30s")
  void archive(byte[] data) throws IOException {
    check(data, "model.dnd", 256, ModelArchive::loadWithMetadata);
  }

  @FuzzTest(maxDuration = "30s")
  void spec(byte[] data) throws IOException {
    // A spec's numbers are layer sizes: "in": 30000 in a few bytes is a legitimate large layer, so
    // the bound is the spec reader's own cap on parameters, not the file size.
    check(data, "spec.json", 256, f -> ModelSpec.read(f, new Rng(0), 1 << 20));
  }

  @FuzzTest(maxDuration = "30s")
  void checkpoint(byte[] data) throws IOException {
    check(data, "run.ckpt", 64, Checkpoint::load);
  }

  @FuzzTest(maxDuration = "30s")
  void image(byte[] data) throws IOException {
    // Class "a" holds the fuzzed image, class "b" a valid one; PNG and JPEG are compressed.
    Path good = DIR.resolve("images/b/ok.png");
    if (!Files.exists(good)) {
      Files.createDirectories(good.getParent());
      var img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      javax.imageio.ImageIO.write(img, "png", good.toFile());
    }
    check(
        data,
        "images/a/fuzzed.png",
        8 * 1032,
        f -> ImageFolder.read(f.getParent().getParent(), false, 8, 8));
  }

  @FuzzTest(maxDuration = "30s")
  void textCorpus(byte[] data) throws IOException {
    check(data, "corpus.txt", 16, TextCorpus::read);
  }

  @FuzzTest(maxDuration = "30s")
  void metricsLog(byte[] data) throws IOException {
    check(data, "run.jsonl", 256, MetricsLog::read);
  }
}
