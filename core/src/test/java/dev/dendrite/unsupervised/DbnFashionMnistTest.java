package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.unsupervised.PretrainingExperiment.Arm;
import dev.dendrite.unsupervised.PretrainingExperiment.Config;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A deep belief net pre-trained on Fashion-MNIST images and fine-tuned on their labels classifies
 * held-out images: a slice of the 88 % the full run (docs/pretraining-experiment.md) reaches.
 */
class DbnFashionMnistTest {
  @Test
  void aPretrainedAndFineTunedDbnClassifiesHeldOutFashionMnist() throws IOException {
    assumeTrue(FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    Labeled train = FashionMnist.load(true).subset(IntStream.range(0, 2000).toArray());
    Labeled test = FashionMnist.load(false).subset(IntStream.range(0, 1000).toArray());
    Config cfg =
        Config.defaults()
            .withHidden(128, 64)
            .withLabels(2000)
            .withUnlabelled(0, true)
            .withArms(List.of(Arm.DBN))
            .withSeeds(1, 1)
            .withEpochs(2, 6)
            .withFineTuning(32, 0.003);
    var runs = PretrainingExperiment.run(train, test, cfg, new PretrainingExperiment.Progress() {});
    double acc = runs.get(0).testAccuracy();
    System.out.printf("DBN 784-128-64-10, 2000 images, held-out accuracy %.4f%n", acc);
    assertThat(acc).isGreaterThanOrEqualTo(0.75);
  }
}
