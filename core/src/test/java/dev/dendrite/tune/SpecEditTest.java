package dev.dendrite.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.io.Json;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecEditTest {
  private static final Object MLP =
      Json.parse(
          """
          {"model": {"type": "Sequential", "layers": [
            {"type": "Linear", "in": 784, "out": 256},
            {"type": "ReLU"},
            {"type": "Dropout", "p": 0.2},
            {"type": "Linear", "in": 256, "out": 128},
            {"type": "ReLU"},
            {"type": "Linear", "in": 128, "out": 10}]}}
          """);

  @Test
  void namesPathsTypesAndActivation() {
    assertThat(SpecEdit.names(MLP))
        .containsExactly(
            "layers.0.in",
            "layers.0.out",
            "layers.2.p",
            "layers.3.in",
            "layers.3.out",
            "layers.5.in",
            "layers.5.out",
            "linear.in",
            "linear.out",
            "dropout",
            "dropout.p",
            "activation");
  }

  @Test
  void aWidthFollowsIntoTheNextLinear() {
    Object edited =
        SpecEdit.apply(MLP, Map.of("layers.0.out", 64L, "dropout", 0.4, "activation", "Tanh"));
    Module m = ModelSpec.parse(Json.write(edited), new Rng(0));
    assertThat(m.outputShape(new int[] {2, 784})).containsExactly(2, 10);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> layers =
        (List<Map<String, Object>>)
            ((Map<String, Object>) ((Map<?, ?>) edited).get("model")).get("layers");
    assertThat(layers.get(3)).containsEntry("in", 64L);
    assertThat(layers.get(2)).containsEntry("p", 0.4);
    assertThat(layers.get(1)).containsEntry("type", "Tanh");
    assertThat(layers.get(4)).containsEntry("type", "Tanh");
    // the original is untouched
    assertThat(Json.write(MLP)).contains("\"out\":256");
  }

  @Test
  void unknownNamesAndValuesAreErrors() {
    assertThatThrownBy(() -> SpecEdit.apply(MLP, Map.of("layers.9.out", 3L)))
        .hasMessage("the model spec has no field layers.9.out");
    assertThatThrownBy(() -> SpecEdit.apply(MLP, Map.of("layers.1.type", "Tanh")))
        .hasMessage("the model spec has no field layers.1.type");
    assertThatThrownBy(() -> SpecEdit.apply(MLP, Map.of("activation", "Relu")))
        .hasMessageStartingWith("activation: Relu is not one of [ELU, GELU");
  }
}
