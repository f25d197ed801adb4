package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import dev.dendrite.unsupervised.PretrainingExperiment.Arm;
import dev.dendrite.unsupervised.PretrainingExperiment.Config;
import dev.dendrite.unsupervised.PretrainingExperiment.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pre-training comparison on a slice of Fashion-MNIST, with a small net and few epochs. */
class PretrainingExperimentTest {
  static Labeled train, test;

  @BeforeAll
  static void data() throws IOException {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    train = FashionMnist.load(true).subset(IntStream.range(0, 1500).toArray());
    test = FashionMnist.load(false).subset(IntStream.range(0, 500).toArray());
  }

  static Config small() {
    return Config.defaults()
        .withHidden(32, 16)
        .withLabels(100, 300)
        .withUnlabelled(800, false)
        .withSeeds(2, 5)
        .withEpochs(2, 15)
        .withFineTuning(16, 0.01);
  }

  @Test
  void everyArmTrainsAboveChanceAndTheTableHasACellPerArmAndLabelCount() {
    Config cfg = small();
    List<String> stages = new ArrayList<>();
    List<TrainEvent> pre = new ArrayList<>();
    List<Run> seen = new ArrayList<>();
    List<Run> runs =
        PretrainingExperiment.run(
            train,
            test,
            cfg,
            new PretrainingExperiment.Progress() {
              @Override
              public void stage(String what) {
                stages.add(what);
              }

              @Override
              public List<TrainListener> pretraining() {
                return List.of(pre::add);
              }

              @Override
              public void finished(Run r) {
                seen.add(r);
              }
            });
    assertThat(runs).hasSize(2 * 2 * 4).isEqualTo(seen);
    for (Run r : runs) {
      System.out.printf(
          "seed %d, %d labels, %s: %.4f%n", r.seed(), r.labels(), r.arm(), r.testAccuracy());
      // Ten classes: chance is 10 %.
      assertThat(r.testAccuracy()).as(r.toString()).isGreaterThan(0.3);
    }
    // One pre-training per seed and model, two layers each, shared by both label counts.
    assertThat(pre.stream().filter(e -> e instanceof TrainEvent.RunStarted)).hasSize(2 * 2 * 2);
    assertThat(stages.stream().filter(s -> s.contains("pre-training"))).hasSize(4);
    assertThat(stages.get(0)).contains("seed 5").contains("800 unlabelled images");
    // Runs with the same seed and labels but other arms start from other weights.
    assertThat(runs.get(0).testAccuracy()).isNotEqualTo(runs.get(2).testAccuracy());

    var cells = PretrainingExperiment.summarise(runs, cfg);
    assertThat(cells).hasSize(8);
    for (var c : cells) {
      double[] acc =
          runs.stream()
              .filter(r -> r.arm() == c.arm() && r.labels() == c.labels())
              .mapToDouble(Run::testAccuracy)
              .toArray();
      assertThat(c.runs()).isEqualTo(2);
      assertThat(c.mean())
          .isCloseTo((acc[0] + acc[1]) / 2, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(c.std())
          .isCloseTo(
              Math.abs(acc[0] - acc[1]) / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
    }
    String[] lines = PretrainingExperiment.table(cells, cfg).split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).contains("100 labels").contains("300 labels");
    for (int i = 0; i < 4; i++) {
      Arm arm = Arm.values()[i];
      assertThat(lines[i + 1]).startsWith(arm.label());
      assertThat(lines[i + 1].split("±")).hasSize(3);
      var c = cells.get(2 * i);
      assertThat(lines[i + 1])
          .contains(String.format(java.util.Locale.ROOT, "%.2f", 100 * c.mean()));
    }
    assertThat(runs.get(0).json()).startsWith("{\"arm\":\"pytorch\",\"labels\":100,\"seed\":5,");
    assertThat(cells.get(1).json())
        .startsWith("{\"arm\":\"pytorch\",\"labels\":300,\"mean\":")
        .endsWith(",\"seeds\":2}");
  }

  @Test
  void labelCountsBeyondTheDataOrLeavingNothingToPretrainOnAreErrors() {
    assertThatThrownBy(() -> PretrainingExperiment.run(train, test, small().withLabels(2000), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2000 labels")
        .hasMessageContaining("1500 images");
    assertThatThrownBy(() -> PretrainingExperiment.run(train, test, small().withLabels(1500), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none is left to pre-train on");
    assertThatThrownBy(() -> Arm.of("rbm")).hasMessageContaining("pytorch, xavier, dbn, sdae");
  }
}
