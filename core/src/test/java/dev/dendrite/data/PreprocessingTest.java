package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  @Test
  void standardizerUsesTheTrainingStatisticsOnly() {
    Labeled train =
        new Labeled(
            Tensor.of(new float[][] {{1, 10}, {3, 10}}), new int[] {0, 1}, List.of("a", "b"));
    Labeled test =
        new Labeled(Tensor.of(new float[][] {{5, 12}}), new int[] {0}, List.of("a", "b"));
    Standardizer s = Standardizer.fit(train);
    assertThat(s.mean().toArray()).containsExactly(2f, 10f);
    assertThat(s.std().toArray())
        .containsExactly(1f, 1f); // the constant column is not divided by 0
    assertThat(s.apply(train).features().toArray()).containsExactly(-1f, 0f, 1f, 0f);
    assertThat(s.apply(test).features().toArray()).containsExactly(3f, 2f);
  }

  @Test
  void balancedWeightsFollowScikitLearn() {
    // sklearn.utils.class_weight.compute_class_weight('balanced', classes=[0,1,2],
    // y=[0,0,0,0,1,1,2,2,2,2,2,2])
    float[] w = ClassWeights.balanced(new int[] {0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2}, 3).toArray();
    assertThat(w[0]).isCloseTo(1.0f, within(1e-6f));
    assertThat(w[1]).isCloseTo(2.0f, within(1e-6f));
    assertThat(w[2]).isCloseTo(2f / 3, within(1e-6f));
  }
}
