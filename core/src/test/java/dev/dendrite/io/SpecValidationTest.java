package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec fields of the wrong kind or range: one-line errors naming the layer and the field. */
class SpecValidationTest {
  private static String seq(String layer) {
    return "{\"type\": \"Sequential\", \"layers\": [" + layer + "]}";
  }

  @Test
  void anIntegerBeyondIntIsAnErrorNotAWrap() {
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    seq("{\"type\": \"Linear\", \"in\": 4294967300, \"out\": 3}"), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model layer 0 (Linear)")
        .hasMessageContaining("\"in\" = 4294967300 is out of range");
  }

  @Test
  void aShapeThatIsNotAListOfIntegersNamesTheField() {
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    seq("{\"type\": \"Unflatten\", \"shape\": \"1x28x28\"}"), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model layer 0 (Unflatten): \"shape\" must be a list, got 1x28x28");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    seq("{\"type\": \"Unflatten\", \"shape\": [1, \"a\"]}"), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model layer 0 (Unflatten): \"shape\"[1] must be an integer, got a");
    assertThatThrownBy(
            () -> ModelSpec.parse(seq("{\"type\": \"LayerNorm\", \"shape\": {}}"), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"shape\" must be a list");
  }

  @Test
  void aPairMustHaveTwoIntegers() {
    String conv = "{\"type\": \"Conv2d\", \"in\": 1, \"out\": 2, \"kernel\": %s}";
    assertThatThrownBy(() -> ModelSpec.parse(seq(conv.formatted("[3]")), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"kernel\" must be one integer or a list of two");
    assertThatThrownBy(() -> ModelSpec.parse(seq(conv.formatted("[3, null]")), new Rng(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"kernel\"[1] must be an integer");
    assertThat(ModelSpec.parse(seq(conv.formatted("[3, 3]")), new Rng(0)).spec().toString())
        .contains("Conv2d");
  }

  @Test
  void aSpecAskingForMoreParametersThanAllowedIsRefusedBeforeAllocating() {
    String huge = seq("{\"type\": \"Linear\", \"in\": 30000, \"out\": 30000}");
    assertThatThrownBy(() -> ModelSpec.parse(huge, new Rng(0), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "(30000, 30000) has 900000000 elements, more than the limit of 1048576");
    String many =
        seq(
            String.join(
                ", ",
                java.util.Collections.nCopies(
                    5, "{\"type\": \"Linear\", \"in\": 300, \"out\": 300}")));
    assertThatThrownBy(() -> ModelSpec.parse(many, new Rng(0), 300_000))
        .hasMessageContaining("model layer 3 (Linear): the model so far has 361200 parameters");
    assertThat(ModelSpec.parse(many, new Rng(0), 451_500).parameterCount()).isEqualTo(451_500);
  }

  @Test
  void anArchiveWhoseSpecOutgrowsItsWeightsIsRefused(@TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path f = dir.resolve("lying.dnd");
    Safetensors.write(
        f,
        java.util.Map.of("0.weight", dev.dendrite.tensor.Tensor.ones(2, 2)),
        java.util.Map.of(
            ModelArchive.SPEC_KEY, seq("{\"type\": \"Linear\", \"in\": 30000, \"out\": 30000}")));
    assertThatThrownBy(() -> ModelArchive.load(f))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith(f + ": ")
        .hasMessageContaining("more than the limit of 4");
  }

  @Test
  void archiveMetadataOfTheWrongKindNamesTheField(@TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    var m = ModelSpec.parse(seq("{\"type\": \"Linear\", \"in\": 2, \"out\": 2}"), new Rng(0));
    String[][] cases = {
      {"dendrite.classes", "{\"a\": 1}", "dendrite.classes is not a list"},
      {"dendrite.standardize", "[1, 2]", "dendrite.standardize is not an object"},
      {"dendrite.standardize", "{\"mean\": 1, \"std\": [1]}", "\"mean\" is not a list"},
      {"dendrite.standardize", "{\"mean\": [\"x\"], \"std\": [1]}", "\"mean\" holds x"},
      {"dendrite.spec", "[1]", "model: expected a JSON object"},
    };
    for (String[] c : cases) {
      java.nio.file.Path f = dir.resolve("bad.dnd");
      ModelArchive.save(f, m, java.util.Map.of(c[0], c[1]));
      if (c[0].equals("dendrite.spec")) {
        var meta = new java.util.HashMap<String, String>();
        meta.put(ModelArchive.SPEC_KEY, c[1]);
        Safetensors.write(f, m.stateDict(), meta);
      }
      assertThatThrownBy(() -> ModelArchive.loadWithMetadata(f))
          .as(c[0] + " = " + c[1])
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith(f + ": ")
          .hasMessageContaining(c[2]);
    }
  }
}
