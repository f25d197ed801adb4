package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights' checksum in an archive's metadata, and archives that repeat byte for byte. */
class ArchiveChecksumTest {
  private static Module mlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(4, 6, rng), new ReLU(), new Linear(6, 3, rng));
  }

  private static final ModelArchive.Info INFO =
      new ModelArchive.Info(
          List.of("a", "b", "c"),
          "iris",
          new ModelArchive.Standardization(
              new float[] {5.8f, 3.1f, 3.7f, 1.2f}, new float[] {0.8f, 0.4f, 1.7f, 0.7f}));

  @Test
  void aFlippedWeightByteIsReportedOnLoad(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.dnd");
    ModelArchive.save(f, mlp(1), INFO);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 5] ^= 0x01; // the low bits of one weight: still a plausible float
    Files.write(f, b);
    assertThatThrownBy(() -> ModelArchive.load(f))
        .isInstanceOf(IOException.class)
        .hasMessage(
            f + ": the weights do not match their checksum (dendrite.weights_sha256): corrupt");
  }

  @Test
  void theChecksumIsTheSha256OfTheDataSection(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.dnd");
    ModelArchive.save(f, mlp(2), INFO);
    byte[] b = Files.readAllBytes(f);
    long header = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] data = Arrays.copyOfRange(b, (int) (8 + header), b.length);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    assertThat(ModelArchive.loadWithMetadata(f).metadata())
        .containsEntry(ModelArchive.WEIGHTS_SHA256_KEY, sha);
  }

  @Test
  void anArchiveWithoutAChecksumStillLoads(@TempDir Path dir) throws IOException {
    Module m = mlp(3);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(ModelArchive.SPEC_KEY, Json.write(m.spec()));
    meta.put("format", "dendrite-model-1");
    Path f = dir.resolve("old.dnd");
    Safetensors.write(f, m.stateDict(), meta);
    assertThat(ModelArchive.load(f).stateDict().get("0.weight").toArray())
        .containsExactly(m.stateDict().get("0.weight").toArray());
  }

  @Test
  void theSameSeedGivesTheSameArchiveBytes(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.dnd"), b = dir.resolve("b.dnd");
    ModelArchive.save(a, mlp(4), INFO);
    // The same metadata given in another order must not change the bytes either.
    ModelArchive.save(
        b, mlp(4), new LinkedHashMap<>(Map.of("z", "1", "dendrite.data", "iris", "a", "2")));
    ModelArchive.save(
        a, mlp(4), new LinkedHashMap<>(Map.of("a", "2", "z", "1", "dendrite.data", "iris")));
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    ModelArchive.save(a, mlp(4), INFO);
    ModelArchive.save(b, mlp(4), INFO);
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    String header = new String(Files.readAllBytes(a), java.nio.charset.StandardCharsets.UTF_8);
    List<Integer> at =
        List.of(
                "\"dendrite.classes\"",
                "\"dendrite.data\"",
                "\"dendrite.spec\"",
                "\"dendrite.standardize\"",
                "\"dendrite.weights_sha256\"",
                "\"format\"",
                "mean\\\"",
                "std\\\"")
            .stream()
            .map(header::indexOf)
            .toList();
    assertThat(at).doesNotContain(-1);
    assertThat(at.subList(0, 6)).isSorted();
    assertThat(at.get(6)).isLessThan(at.get(7));
  }
}
