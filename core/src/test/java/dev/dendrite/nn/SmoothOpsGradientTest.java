package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.loss.BCEWithLogitsLoss;
import dev.dendrite.nn.loss.Reduction;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Softplus and BCE-with-logits are smooth; their stable forms are built from kinked pieces (max,
 * |·|) whose subgradient at 0 is 0. Their gradients must be the smooth ones, σ(βx) and σ(x) − y,
 * also exactly at 0, and stay twice differentiable.
 */
class SmoothOpsGradientTest {
  @Test
  void softplusGradientAtZeroIsOneHalf() {
    Tensor x = Tensor.of(0f, 0f, 1f).requiresGrad(true);
    new Softplus().forward(x).sum().backward();
    float[] g = x.grad().toArray();
    assertThat(g[0]).isCloseTo(0.5f, within(1e-7f));
    assertThat(g[2]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-7f));
    Tensor z = Tensor.of(0f, 2.5f, 3f).requiresGrad(true); // β = 2: z = βx = 0, 5 (= threshold), 6
    new Softplus(2f, 5f).forward(z).sum().backward();
    float[] gz = z.grad().toArray();
    assertThat(gz[0]).isCloseTo(0.5f, within(1e-7f));
    assertThat(gz[1]).isCloseTo((float) (1 / (1 + Math.exp(-5))), within(1e-7f));
    assertThat(gz[2]).isEqualTo(1f); // linear past the threshold
  }

  @Test
  void bceWithLogitsGradientAtZeroIsSigmoidMinusTarget() {
    Tensor x = Tensor.of(0f, 0f, 0f).requiresGrad(true);
    Tensor y = Tensor.of(1f, 0f, 0.3f);
    new BCEWithLogitsLoss().withReduction(Reduction.SUM).apply(x, y).backward();
    assertThat(x.grad().toArray()).containsExactly(new float[] {-0.5f, 0.5f, 0.2f}, within(1e-7f));
    Tensor p = Tensor.of(0f, 0f).requiresGrad(true);
    new BCEWithLogitsLoss()
        .withPosWeight(Tensor.of(3f))
        .withReduction(Reduction.SUM)
        .apply(p, Tensor.of(1f, 0f))
        .backward();
    // (1 + (w − 1)·y)·σ(x) − w·y
    assertThat(p.grad().toArray()).containsExactly(new float[] {-1.5f, 0.5f}, within(1e-7f));
  }

  @Test
  void bothStayTwiceDifferentiable() {
    Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0.3f, 1.7f, 0f, 4f}, 2, 3).requiresGrad(true);
    GradCheck.Result r = GradCheck.gradgradcheck(t -> new Softplus(1.5f, 5f).forward(t[0]), x);
    assertThat(r.passed()).as(r.failure()).isTrue();
    Tensor y = Tensor.of(new float[] {1f, 0f, 0.5f, 1f, 0f, 1f}, 2, 3);
    GradCheck.Result b =
        GradCheck.gradgradcheck(
            t -> new BCEWithLogitsLoss().withPosWeight(Tensor.of(2f, 1f, 0.5f)).apply(t[0], y), x);
    assertThat(b.passed()).as(b.failure()).isTrue();
  }
}
