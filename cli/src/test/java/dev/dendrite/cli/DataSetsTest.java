package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSetsTest {
  @Test
  void normalizingUsesTheTrainingImagesStatisticsForEverySplit() {
    // Two 1×2×2 training images: pixels 0, 0.2, 0.4, 0.6 and 0.2, 0.4, 0.6, 0.8 (mean 0.4, biased
    // var 0.06).
    Labeled train =
        new Labeled(
            Tensor.of(new float[] {0f, 0.2f, 0.4f, 0.6f, 0.2f, 0.4f, 0.6f, 0.8f}).reshape(2, 4),
            new int[] {0, 1},
            List.of("a", "b"));
    Labeled test =
        new Labeled(
            Tensor.of(new float[] {0.4f, 0.4f, 1f, 0f}).reshape(1, 4),
            new int[] {1},
            List.of("a", "b"));
    DataSets.Split s =
        DataSets.normalized(new DataSets.Split(train, test, null, null, new int[] {1, 2, 2}));
    float std = (float) Math.sqrt(0.06);
    assertThat(s.train().features().shape()).containsExactly(2, 4);
    assertThat(s.train().features().toArray()[0]).isCloseTo(-0.4f / std, within(1e-5f));
    assertThat(s.train().features().mean().item()).isCloseTo(0f, within(1e-6f));
    assertThat(s.test().features().toArray())
        .containsExactly(new float[] {0f, 0f, 0.6f / std, -0.4f / std}, within(1e-5f));
    assertThat(s.mean()).hasSize(4).containsOnly(0.4f);
    assertThat(s.std()[3]).isCloseTo(std, within(1e-6f));
    assertThat(s.image()).containsExactly(1, 2, 2);
  }

  @Test
  void normalizingTabularDataIsRefused() {
    Labeled t =
        new Labeled(Tensor.of(new float[] {1, 2}).reshape(1, 2), new int[] {0}, List.of("a"));
    assertThatThrownBy(() -> DataSets.normalized(new DataSets.Split(t, t, null, null)))
        .hasMessage("--normalize needs image data (--data fashion_mnist)");
  }

  @Test
  void anUnknownDataNameInAnArchiveListsTheKnownOnes() {
    var info = new dev.dendrite.io.ModelArchive.Info(null, "mnist_digits", null);
    assertThatThrownBy(() -> DataSets.of(info, null))
        .hasMessageContaining("mnist_digits")
        .hasMessageContaining("known: iris, fashion_mnist");
  }
}
