package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
  @Test
  void backpropByDefaultReproducesTheNotes() {
    CliRun r = CliRun.of("explain", "backprop");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("y5 = σ(0.8014) = 0.6903")
        .contains("Second forward pass with the new weights: y5 = 0.6820")
        .contains("The lecture notes print δ5 = −0.0406 and w45 → 0.8731 because they round");
    // a changed example is not the notes' any more: no word about their rounding
    assertThat(CliRun.of("explain", "backprop", "--set", "w13=0.2").out())
        .doesNotContain("lecture notes");
  }

  @Test
  void backpropTakesAFile(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("ex.json"),
            "{\"inputs\": [1, 0], \"weights\": [[[0.5, 0.5]], [[1.0]]], \"target\": [1], \"lr\":"
                + " 0.1, \"activation\": \"tanh\"}");
    CliRun r = CliRun.of("explain", "backprop", "--file", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("network 2-1-1, tanh units")
        .contains("y3 = tanh(0.5000) = 0.4621");
  }

  @Test
  void mistakesGiveOneLineNamingTheCulprit(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("explain", "backprop", "--set", "w99=1");
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip())
        .isEqualTo(
            "dendrite explain backprop: backprop example: w99 is not a weight of this [2, 2, 1]"
                + " network");
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"), "{\"inputs\": [1, 2], \"weights\": [[[1]]], \"target\": [1]}");
    r = CliRun.of("explain", "backprop", "--file", bad.toString());
    assertThat(r.err()).contains("bad.json").contains("layer 1").doesNotContain("\tat ");
  }
}
