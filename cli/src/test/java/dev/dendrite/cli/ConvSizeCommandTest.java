package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvSizeCommandTest {
  @Test
  void squareRectangularDilatedPooledAndTransposed() {
    CliRun r = CliRun.of("conv-size", "--input", "16", "--kernel", "3", "--padding", "2");
    assertThat(r.out())
        .isEqualTo("⌊(16 + 2·2 − 3) / 1⌋ + 1 = 18\nso the convolution gives 18 × 18\n");
    r =
        CliRun.of(
            "conv-size",
            "--input",
            "28x32",
            "--kernel",
            "3x5",
            "--stride",
            "2x1",
            "--padding",
            "1x2");
    assertThat(r.out())
        .isEqualTo(
            "height: ⌊(28 + 2·1 − 3) / 2⌋ + 1 = 14\n"
                + "width: ⌊(32 + 2·2 − 5) / 1⌋ + 1 = 32\n"
                + "so the convolution gives 14 × 32\n");
    r = CliRun.of("conv-size", "--input", "10", "--kernel", "3", "--dilation", "2");
    assertThat(r.out()).startsWith("⌊(10 + 2·0 − 2·(3 − 1) − 1) / 1⌋ + 1 = 6\n");
    r = CliRun.of("conv-size", "--input", "28", "--kernel", "2", "--pool");
    assertThat(r.out()).isEqualTo("⌊(28 + 2·0 − 2) / 2⌋ + 1 = 14\nso the pooling gives 14 × 14\n");
    r = CliRun.of("conv-size", "--input", "5", "--kernel", "2", "--pool", "--ceil");
    assertThat(r.out()).contains("⌈(5 + 2·0 − 2) / 2⌉ + 1 = 3");
    r =
        CliRun.of(
            "conv-size",
            "--input",
            "7",
            "--kernel",
            "4",
            "--stride",
            "2",
            "--padding",
            "1",
            "--transpose");
    assertThat(r.out())
        .isEqualTo(
            "(7 − 1)·2 − 2·1 + (4 − 1) + 0 + 1 = 14\n"
                + "so the transposed convolution gives 14 × 14\n");
  }

  @Test
  void theNotesCountThePaddingTwice() {
    CliRun r = CliRun.of("conv-size", "--explain-notes");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("⌊(16 + 2·2 − 3) / 1⌋ + 1 = 18\nso the convolution gives 18 × 18\n")
        .contains("Counting the padding twice: pad the input first, to 20, then")
        .contains("  ⌊(20 + 2·2 − 3) / 1⌋ + 1 = 22   (wrong: the padding counted twice)")
        .contains("answer 21 × 21: 20 + 2·2 − 3 = 21, the padded 20 with 2·padding added again")
        .contains("the right answer is 18 × 18.")
        .contains("  ⌊(20 + 2·0 − 3) / 1⌋ + 1 = 18   (padded input, no padding left to add)")
        .contains("a 3-wide window fits at 20 − 3 + 1 = 18 positions");
    r =
        CliRun.of(
            "conv-size",
            "--explain-notes",
            "--input",
            "28",
            "--kernel",
            "5",
            "--padding",
            "1",
            "--stride",
            "2");
    assertThat(r.out())
        .contains("⌊(28 + 2·1 − 5) / 2⌋ + 1 = 13")
        .contains("⌊(30 + 2·1 − 5) / 2⌋ + 1 = 14   (wrong");
  }

  @Test
  void aWholeSpecLayerByLayer() {
    CliRun r =
        CliRun.of("conv-size", "--spec", "../examples/specs/cnn-fashion.json", "--input", "784");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("input (1, 784)")
        .contains("(1, 1, 28, 28)")
        .containsPattern(
            "1  Conv2d\\(1, 32, kernel=3x3, stride=1, padding=1\\) +→ \\(1, 32, 28, 28\\)")
        .contains("      H: ⌊(28 + 2·1 − 3) / 1⌋ + 1 = 28\n      W: ⌊(28 + 2·1 − 3) / 1⌋ + 1 = 28")
        .contains("      H: ⌊(28 + 2·0 − 2) / 2⌋ + 1 = 14")
        .contains("      H: ⌊(14 + 2·0 − 2) / 2⌋ + 1 = 7")
        .containsPattern("Flatten.*→ \\(1, 3136\\)")
        .contains("output (1, 10), 421,642 parameters");
  }

  @Test
  void aSpecThatDoesNotFitItsInputNamesTheLayer(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("m.json"),
            "{\"type\": \"Sequential\", \"layers\": [{\"type\": \"Conv2d\", \"in\": 3, \"out\": 8,"
                + " \"kernel\": 3}]}");
    CliRun r = CliRun.of("conv-size", "--spec", f.toString(), "--input", "1,28,28");
    assertThat(r.code()).isNotZero();
    assertThat(r.err())
        .contains("m.json: layer 0 (Conv2d(3, 8")
        .contains("(1, 1, 28, 28)")
        .doesNotContain("\tat ");
    r = CliRun.of("conv-size", "--kernel", "3");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            "dendrite conv-size: needs --input and --kernel (or --spec FILE, or --explain-notes)",
            "see 'dendrite conv-size --help'");
  }
}
