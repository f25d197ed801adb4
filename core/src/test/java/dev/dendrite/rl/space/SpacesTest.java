package dev.dendrite.rl.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.tensor.Rng;
import org.junit.jupiter.api.Test;

class SpacesTest {
  @Test
  void discreteSamplesEveryValueAndContainsOnlyThem() {
    Discrete d = new Discrete(3, 5);
    Rng rng = new Rng(1);
    int[] count = new int[3];
    for (int i = 0; i < 3000; i++) {
      int x = d.sample(rng);
      assertThat(d.contains(x)).isTrue();
      count[x - 5]++;
    }
    for (int c : count) assertThat(c).isBetween(900, 1100);
    assertThat(d.contains(4)).isFalse();
    assertThat(d.contains(8)).isFalse();
    assertThat(d.contains(null)).isFalse();
    assertThat(d).hasToString("Discrete(3, start=5)");
    assertThat(new Discrete(4)).hasToString("Discrete(4)");
    assertThatThrownBy(() -> new Discrete(0)).hasMessage("Discrete: n must be >= 1, got 0");
  }

  @Test
  void boxSamplesInsideItsBounds() {
    Box b =
        new Box(
            new double[] {-1, Double.NEGATIVE_INFINITY, 2, Double.NEGATIVE_INFINITY},
            new double[] {1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -3});
    Rng rng = new Rng(2);
    double sum = 0;
    for (int i = 0; i < 2000; i++) {
      double[] x = b.sample(rng);
      assertThat(b.contains(x)).isTrue();
      sum += x[2] - 2; // unit exponential above the lower bound: mean 1
    }
    assertThat(sum / 2000).isBetween(0.9, 1.1);
    assertThat(b.contains(new double[] {2, 0, 3, -4})).isFalse();
    assertThat(b.contains(new double[] {0, 0, 3})).isFalse();
    assertThat(b.contains(new double[] {Double.NaN, 0, 3, -4})).isFalse();
    assertThat(b.shape()).containsExactly(4);
    assertThatThrownBy(() -> new Box(new double[] {1}, new double[] {0}))
        .hasMessage("Box: low[0] = 1.0 is above high[0] = 0.0");
  }
}
