package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every spec under examples/specs builds and maps a batch of flattened Fashion-MNIST images to 10
 * scores.
 */
class ExampleSpecsTest {
  @Test
  void everyExampleSpecBuildsForFashionMnist() throws IOException {
    List<Path> specs;
    try (Stream<Path> s = Files.list(Path.of("../examples/specs"))) {
      specs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(specs)
        .extracting(p -> p.getFileName().toString())
        .contains("bilstm-fashion.json", "gru-fashion.json", "lstm-fashion.json");
    for (Path p : specs) {
      Module m = ModelSpec.parse(Files.readString(p), new Rng(0));
      assertThat(m.outputShape(new int[] {3, 784})).as(p.toString()).containsExactly(3, 10);
    }
  }
}
