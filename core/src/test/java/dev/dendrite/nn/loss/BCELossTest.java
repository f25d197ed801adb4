package dev.dendrite.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * BCE on probabilities that saturate at exactly 0 or 1, as a sigmoid in float32 does: PyTorch's
 * loss (each log clamped at −100) and gradient ((x − y) / max(x·(1 − x), 10⁻¹²)), never NaN.
 */
class BCELossTest {
  @Test
  void saturatedProbabilitiesGiveFiniteLossAndPyTorchsGradient() {
    Tensor x = Tensor.of(0f, 1f, 0f, 1f, 0.5f).requiresGrad(true);
    Tensor y = Tensor.of(0f, 1f, 1f, 0f, 1f);
    Tensor l = new BCELoss(null, Reduction.NONE).apply(x, y);
    assertThat(l.toArray())
        .containsExactly(new float[] {0f, 0f, 100f, 100f, (float) Math.log(2)}, within(1e-6f));
    l.sum().backward();
    assertThat(x.grad().toArray())
        .containsExactly(new float[] {0f, 0f, -1e12f, 1e12f, -2f}, within(1e6f));
    for (float g : x.grad().toArray()) assertThat(g).isFinite();
  }

  @Test
  void gradientAwayFromTheEdgesMatchesFiniteDifferencesOnceAndTwice() {
    Tensor x = Tensor.of(new float[] {0.2f, 0.7f, 0.45f, 0.9f}, 2, 2).requiresGrad(true);
    Tensor y = Tensor.of(new float[] {1f, 0f, 0.3f, 1f}, 2, 2).requiresGrad(true);
    Tensor w = Tensor.of(2f, 0.5f);
    GradCheck.Result r =
        GradCheck.check(t -> new BCELoss(w, Reduction.MEAN).apply(t[0], t[1]), x, y);
    assertThat(r.passed()).as(r.failure()).isTrue();
    GradCheck.Result rr =
        GradCheck.gradgradcheck(t -> new BCELoss(w, Reduction.SUM).apply(t[0], t[1]), x, y);
    assertThat(rr.passed()).as(rr.failure()).isTrue();
  }
}
