package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(SafetensorsTest.class.getResource("/golden/" + name).toURI());
  }

  @Test
  @SuppressWarnings("unchecked")
  void readsAFileWrittenFromPyTorchAndReproducesItsOutput() throws Exception {
    Safetensors.Contents c = Safetensors.read(fixture("mlp.safetensors"));
    assertThat(c.metadata()).containsEntry("format", "pt");
    Map<String, Tensor> t = c.tensors();
    assertThat(t.keySet()).contains("0.weight", "0.bias", "2.weight", "2.bias");
    assertThat(t.get("0.weight").shape()).containsExactly(3, 4);
    assertThat(t.get("extra.steps").toArray()).containsExactly(3f, -2f, 7f);
    assertThat(t.get("extra.half").toArray()).containsExactly(0.5f, -1.25f, 65504f);
    assertThat(t.get("extra.double").item()).isCloseTo(1f / 3f, within(1e-7f));

    Map<String, Object> io;
    try (InputStream in = Files.newInputStream(fixture("mlp_io.json"))) {
      io = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Tensor x = Tensor.of(floats((List<Object>) io.get("x")), 5, 4);
    Tensor y =
        x.matmul(t.get("0.weight").t())
            .add(t.get("0.bias"))
            .relu()
            .matmul(t.get("2.weight").t())
            .add(t.get("2.bias"));
    float[] expected = floats((List<Object>) io.get("y"));
    float[] actual = y.toArray();
    for (int i = 0; i < expected.length; i++)
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
  }

  private static float[] floats(List<Object> l) {
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) f[i] = ((Number) l.get(i)).floatValue();
    return f;
  }

  @Test
  void roundTripIsExact(@TempDir Path dir) throws IOException {
    Rng rng = new Rng(1);
    Map<String, Tensor> m =
        Map.of(
            "b", Tensor.randn(rng, 3), "a.weight", Tensor.randn(rng, 2, 5), "s", Tensor.scalar(4f));
    Path f = dir.resolve("w.safetensors");
    Safetensors.write(f, m, Map.of("k", "v"));
    Safetensors.Contents back = Safetensors.read(f);
    assertThat(back.metadata()).containsEntry("k", "v");
    for (var e : m.entrySet()) {
      assertThat(back.tensors().get(e.getKey()).shape()).containsExactly(e.getValue().shape());
      assertThat(back.tensors().get(e.getKey()).toArray()).containsExactly(e.getValue().toArray());
    }
    assertThat((Files.size(f) - 8 - 4 * (3 + 10 + 1)) % 8).isZero(); // header padded to 8 bytes
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(f); // no temporary file left behind
    }
  }

  private static byte[] file(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    return b.array();
  }

  @Test
  void corruptFilesGiveClearErrorsWithoutHugeAllocations(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.safetensors");
    Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, 0, 0, '{', '}'});
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.safetensors")
        .hasMessageContaining("header length");
    Files.write(
        f,
        file(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,16]}}", 16));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("w");
    Files.write(f, file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside");
    Files.write(
        f,
        file(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            12));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("overlaps");
    Files.write(f, file("{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("C64");
    Files.write(f, file("{\"w\":", 0));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad header");
  }
}
