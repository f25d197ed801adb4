package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transfer experiment at a tiny size: every arm learns the target task. */
class TransferExperimentTest {
  @Test
  void halvesAreRelabelledAndDrawsArePerClass() {
    Labeled d =
        new Labeled(
            dev.dendrite.tensor.Tensor.zeros(40, 3),
            java.util.stream.IntStream.range(0, 40).map(i -> i % 10).toArray(),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    Labeled hi = TransferExperiment.half(d, 5);
    assertThat(hi.size()).isEqualTo(20);
    assertThat(hi.classes()).containsExactly("5", "6", "7", "8", "9");
    assertThat(hi.labels()).containsOnly(0, 1, 2, 3, 4);
    Labeled two = TransferExperiment.perClass(hi, 2, new Rng(1));
    int[] count = new int[5];
    for (int l : two.labels()) count[l]++;
    assertThat(count).containsOnly(2);
  }

  @Test
  void everyArmBeatsChanceOnATinyRun() throws IOException {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    // The test split alone, cut in two, is smaller to read than the training split.
    Labeled all = FashionMnist.load(false);
    int[] rows = new int[3000], held = new int[1000];
    for (int i = 0; i < rows.length; i++) rows[i] = i;
    for (int i = 0; i < held.length; i++) held[i] = 3000 + i;
    List<String> seen = new ArrayList<>();
    var r =
        TransferExperiment.run(
            all.subset(rows),
            all.subset(held),
            new TransferExperiment.Config(1500, 1, 20, 10, 3e-3, 1),
            seen::add);
    assertThat(seen).hasSize(4);
    assertThat(r.sourceAccuracy()).isGreaterThan(0.5);
    assertThat(r.runs()).hasSize(3);
    for (var run : r.runs()) assertThat(run.accuracy()).as(run.arm().label()).isGreaterThan(0.4);
  }
}
