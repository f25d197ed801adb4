package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.io.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dendrite demo pretraining}, shrunk to a quick run, and its usage errors. */
class PretrainingDemoTest {
  @Test
  void aShrunkRunPrintsAJsonLinePerRunAndCellAndTheTable() {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    CliRun r =
        CliRun.of(
            "demo",
            "pretraining",
            "--labels",
            "100",
            "--unlabelled",
            "300",
            "--hidden",
            "16,8",
            "--arms",
            "pytorch,dbn",
            "--seeds",
            "2",
            "--pretrain-epochs",
            "1",
            "--epochs",
            "4",
            "--lr",
            "0.01",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("network 784-16-8-10").contains("2 seeds");
    List<String> json = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("{")).toList();
    assertThat(json).hasSize(2 * 2 + 2);
    // The summary line of pytorch at 100 labels is the mean of its two runs, as is the table's
    // cell.
    double sum = 0, mean = Double.NaN;
    for (String line : json) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) Json.parse(line);
      if (!m.get("arm").equals("pytorch") || ((Number) m.get("labels")).intValue() != 100) continue;
      if (m.containsKey("test_accuracy")) sum += ((Number) m.get("test_accuracy")).doubleValue();
      else mean = ((Number) m.get("mean")).doubleValue();
    }
    assertThat(mean).isCloseTo(sum / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "%.2f ± ", 100 * mean));
    assertThat(r.out())
        .containsPattern("initialisation +100 labels\n")
        .containsPattern("random, PyTorch default +[0-9.]+ ± [0-9.]+\n")
        .containsPattern("DBN \\(stacked RBMs, CD-1\\) +[0-9.]+ ± [0-9.]+\n");
  }

  @Test
  void badOptionsAreOneLineErrors() {
    CliRun arm = CliRun.of("demo", "pretraining", "--arms", "pytorch,rbm");
    assertThat(arm.code()).isEqualTo(2);
    assertThat(arm.err()).contains("unknown arm rbm").doesNotContain("at dev.dendrite");
    CliRun zero = CliRun.of("demo", "pretraining", "--seeds", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("seeds").doesNotContain("at dev.dendrite");
  }
}
