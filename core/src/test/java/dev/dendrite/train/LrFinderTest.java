package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LrFinderTest {
  /**
   * y = 3x + 1 + ε with x, ε ~ N(0, 0.5²) under MSE: the loss is a quadratic with Hessian ≈ 2·I, so
   * plain SGD converges fastest at lr ≈ 0.5 and diverges above lr ≈ 1. A useful rate lies in [0.01,
   * 1].
   */
  @Test
  void onAQuadraticItSuggestsARateBelowTheStabilityLimitAndRestoresTheModel() {
    Rng rng = new Rng(1);
    // noise keeps the gradient non-zero at the optimum, so a rate above the limit shows
    Tensor x = Tensor.randn(rng, 512, 1),
        y = x.mul(3f).add(1f).add(Tensor.randn(rng, 512, 1).mul(0.5f));
    DataLoader<DataLoader.Batch> data =
        new DataLoader<>(
            512,
            128,
            true,
            false,
            2,
            (rows, k) -> {
              Tensor r = DataLoader.indexTensor(rows);
              return new DataLoader.Batch(x.indexSelect(0, r), y.indexSelect(0, r));
            });
    Module m = new Linear(1, 1, new Rng(3));
    float[] before = m.parameters().get(0).toArray();
    m.eval();
    LrFinder.Result r =
        LrFinder.run(m, new MSELoss(), p -> new SGD(1e-3).create(p), data, 1e-5, 100, 200);
    assertThat(r.stopped()).isEqualTo("diverged");
    assertThat(r.lrs()[r.lrs().length - 1]).isGreaterThan(1).isLessThan(100);
    assertThat(r.method()).isEqualTo("steepest");
    assertThat(r.suggestion()).isBetween(0.01, 1.0);
    assertThat(r.minOver10()).isBetween(0.01, 0.2);
    // the ramp is exponential: constant ratio between consecutive rates
    double ratio = Math.pow(1e7, 1 / 199.0);
    assertThat(r.lrs()[1] / r.lrs()[0]).isCloseTo(ratio, within(1e-9));
    // smoothing: s_1 = (β(1−β)l_0 + (1−β)l_1) / (1 − β²)
    double b = LrFinder.BETA;
    assertThat(r.smoothed()[1])
        .isCloseTo(
            (b * (1 - b) * r.losses()[0] + (1 - b) * r.losses()[1]) / (1 - b * b), within(1e-9));
    assertThat(m.parameters().get(0).toArray()).containsExactly(before);
    assertThat(m.isTraining()).isFalse();
  }

  @Test
  void steepestAndMinimumFollowFastai() {
    double[] lrs = new double[8], s = {5, 4.9, 4.5, 3, 2.5, 2.4, 2.45, 2.6};
    for (int i = 0; i < 8; i++) lrs[i] = Math.pow(10, i - 6);
    assertThat(LrFinder.steepest(lrs, s)).isEqualTo(1e-4); // 4.5 → 3, the steepest fall
    assertThat(LrFinder.minOver10(lrs, s)).isCloseTo(1e-1 / 10, within(1e-15)); // at 2.4
    assertThat(LrFinder.steepest(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isNaN();
    assertThatThrownBy(() -> LrFinder.run(null, null, null, null, 1, 0.1, 10))
        .hasMessageContaining("0 < start < end");
  }
}
