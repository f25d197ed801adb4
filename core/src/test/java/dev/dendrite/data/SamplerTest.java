package dev.dendrite.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
  @Test
  void withReplacementFrequenciesFollowTheWeights() {
    double[] w = {1, 0, 2, 7}; // probabilities 0.1, 0, 0.2, 0.7
    WeightedRandomSampler s = new WeightedRandomSampler(w, 1000, true);
    Rng rng = new Rng(11);
    int[] count = new int[4];
    for (int pass = 0; pass < 50; pass++) for (int i : s.indices(rng)) count[i]++;
    assertThat(count[1]).isZero();
    // 50 000 draws: binomial std ≤ 0.0021; 4 std bound
    assertThat(count[0] / 50000.0).isCloseTo(0.1, within(0.0085));
    assertThat(count[2] / 50000.0).isCloseTo(0.2, within(0.0085));
    assertThat(count[3] / 50000.0).isCloseTo(0.7, within(0.0085));
    assertThat(s.length()).isEqualTo(1000);
  }

  @Test
  void withoutReplacementEachIndexAtMostOnceAndHeavyOnesFirst() {
    double[] w = {1, 0, 1, 98};
    WeightedRandomSampler s = new WeightedRandomSampler(w, 3, false);
    Rng rng = new Rng(2);
    int firstIs3 = 0;
    for (int pass = 0; pass < 2000; pass++) {
      int[] idx = s.indices(rng);
      assertThat(Arrays.stream(idx).sorted().toArray()).containsExactly(0, 2, 3);
      if (idx[0] == 3) firstIs3++;
    }
    assertThat(firstIs3 / 2000.0).isCloseTo(0.98, within(0.013));
    assertThatThrownBy(() -> new WeightedRandomSampler(w, 4, false))
        .hasMessageContaining("3 non-zero weights");
    assertThatThrownBy(() -> new WeightedRandomSampler(new double[] {1, -1}, 1, true))
        .hasMessageContaining("weight 1 is -1.0");
  }

  @Test
  void balancedWeightsDrawEveryClassEquallyOften() {
    int[] labels = new int[1000];
    for (int i = 0; i < 1000; i++) labels[i] = i < 900 ? 0 : i < 980 ? 1 : 2; // 900/80/20
    WeightedRandomSampler s = WeightedRandomSampler.balanced(labels, 3);
    int[] count = new int[3];
    Rng rng = new Rng(5);
    for (int pass = 0; pass < 30; pass++) for (int i : s.indices(rng)) count[labels[i]]++;
    for (int c = 0; c < 3; c++) assertThat(count[c] / 30000.0).isCloseTo(1 / 3.0, within(0.012));
  }

  @Test
  void oversamplingKeepsEveryExampleAndFillsMinoritiesToTheMajority() {
    int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2}; // 6/2/1; class 3 absent
    Oversampler s = new Oversampler(labels, 4);
    assertThat(s.length()).isEqualTo(18);
    Rng rng = new Rng(3);
    int[] idx = s.indices(rng);
    assertThat(idx).hasSize(18);
    int[] perClass = new int[4];
    boolean[] seen = new boolean[labels.length];
    for (int i : idx) {
      perClass[labels[i]]++;
      seen[i] = true;
    }
    assertThat(perClass).containsExactly(6, 6, 6, 0);
    for (boolean b : seen) assertThat(b).isTrue();
    assertThat(s.indices(rng)).isNotEqualTo(idx); // redrawn each pass
  }

  @Test
  void theLoaderServesTheSamplersIndicesAndResumesFromItsGenerator() {
    int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2};
    Oversampler s = new Oversampler(labels, 3);
    DataLoader<int[]> a = new DataLoader<>(s, 4, false, 7, (rows, n) -> rows);
    assertThat(a.batches()).isEqualTo(5);
    a.iterator().forEachRemaining(b -> {});
    long state = a.rngState(), served = a.served();
    int[] next = a.iterator().next();
    DataLoader<int[]> b = new DataLoader<>(s, 4, false, 99, (rows, n) -> rows);
    b.restore(state, served);
    assertThat(b.iterator().next()).containsExactly(next);
  }
}
