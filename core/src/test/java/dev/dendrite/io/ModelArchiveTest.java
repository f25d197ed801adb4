package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
  @Test
  void savesAndLoadsArchitectureAndWeights(@TempDir Path dir) throws Exception {
    Rng rng = new Rng(3);
    Module m = new Sequential(new Linear(4, 8, rng), new Linear(8, 3, false, rng));
    Path f = dir.resolve("m.dnd");
    ModelArchive.save(f, m, Map.of("note", "test"));
    Module back = ModelArchive.load(f);
    assertThat(back.spec()).isEqualTo(m.spec());
    Tensor x = Tensor.randn(rng, 5, 4);
    assertThat(back.forward(x).toArray()).containsExactly(m.forward(x).toArray());
    assertThat(back.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight");
  }

  /**
   * A parameterless stand-in at index 1, so the names match PyTorch's Sequential(Linear, ReLU,
   * Linear).
   */
  static final class Relu extends Module {
    @Override
    public Tensor forward(Tensor x) {
      return x.relu();
    }
  }

  @Test
  void loadsPyTorchWeightsByNameAndGivesPyTorchsOutput() throws Exception {
    Rng rng = new Rng(1);
    Module m = new Sequential(new Linear(4, 3, rng), new Relu(), new Linear(3, 2, rng));
    Path f = Path.of(getClass().getResource("/golden/mlp.safetensors").toURI());
    assertThat(ModelArchive.loadWeights(m, f, false))
        .containsExactlyInAnyOrder("extra.steps", "extra.half", "extra.double");
    Map<?, ?> io =
        (Map<?, ?>)
            Json.parse(
                java.nio.file.Files.readString(
                    Path.of(getClass().getResource("/golden/mlp_io.json").toURI())));
    float[] x = floats((java.util.List<?>) io.get("x")),
        y = floats((java.util.List<?>) io.get("y"));
    float[] out = m.forward(Tensor.of(x, 5, 4)).toArray();
    for (int i = 0; i < y.length; i++) assertThat(out[i]).isCloseTo(y[i], within(1e-5f));
  }

  private static float[] floats(java.util.List<?> l) {
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) f[i] = ((Number) l.get(i)).floatValue();
    return f;
  }

  @Test
  void mismatchesAreListedNameByName() throws Exception {
    Rng rng = new Rng(1);
    Module m =
        new Sequential(
            new Linear(4, 5, rng), new Relu(), new Linear(5, 2, rng), new Linear(2, 2, rng));
    Path f = Path.of(getClass().getResource("/golden/mlp.safetensors").toURI());
    assertThatThrownBy(() -> ModelArchive.loadWeights(m, f, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mlp.safetensors")
        .hasMessageContaining("shape of 0.weight: file has (3, 4), model has (5, 4)")
        .hasMessageContaining("missing 3.weight (2, 2)")
        .hasMessageContaining("unexpected extra.steps (3)");
  }

  @Test
  void specErrorsNameTheLayer() {
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Linear\", \"in\": 4}]}",
                    new Rng(0)))
        .hasMessageContaining("model layer 0 (Linear)")
        .hasMessageContaining("\"out\"");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Linaer\"}]}", new Rng(0)))
        .hasMessageContaining("unknown layer type \"Linaer\"");
  }

  @Test
  void summaryShowsShapesAndParameterCounts() {
    Rng rng = new Rng(1);
    Module m = new Sequential(new Linear(784, 256, rng), new Linear(256, 10, rng));
    String s = m.summary(64, 784);
    assertThat(s)
        .contains("0: Linear(in=784, out=256)")
        .contains("(64, 256)")
        .contains("200,960")
        .contains("(64, 10)")
        .contains("2,570")
        .contains("Total params: 203,530");
    assertThatThrownBy(() -> m.summary(64, 100))
        .hasMessageContaining("layer 0")
        .hasMessageContaining("(64, 100)");
  }
}
