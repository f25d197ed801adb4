package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DeletionCurveTest {
  @Test
  void removingTheLargestContributionsFirstGivesTheSmallestArea() {
    float[] w = {1f, 4f, 2f, 3f};
    ScoreFunction f = x -> x.matmul(Tensor.of(w, 4, 1)).reshape(-1);
    float[] x = {1f, 1f, 1f, 1f};
    Attribution a = Occlusion.of(f, x, null, new int[] {1, 1}, new int[] {1, 1}, 0f);
    int[] order = DeletionCurve.order(a, 1);
    assertThat(order).containsExactly(1, 3, 2, 0);
    DeletionCurve c = DeletionCurve.of(f, x, null, order, 4, 0f);
    assertThat(c.scores()).containsExactly(new double[] {10, 6, 3, 1, 0}, within(1e-5));
    assertThat(c.fractions()).containsExactly(0, 0.25, 0.5, 0.75, 1);
    assertThat(c.auc()).isCloseTo(0.25 * (8 + 4.5 + 2 + 0.5), within(1e-5));
    DeletionCurve r = DeletionCurve.random(f, x, null, 4, 0f, 50, 1);
    // any order's mean score after k removals is 10·(1 − k/4): area 5
    assertThat(r.auc()).isCloseTo(5, within(0.4)).isGreaterThan(c.auc());
  }
}
