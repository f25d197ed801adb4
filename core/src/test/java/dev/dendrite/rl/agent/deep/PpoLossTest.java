package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The clipped surrogate for one sample with ε = 0.2: {@code −min(rA, clip(r, 0.8, 1.2)A)}, and its
 * gradient with respect to {@code log π}, which is {@code −rA} where the unclipped term is the
 * minimum and 0 where the clipped one is.
 */
class PpoLossTest {
  static final double EPS = 0.2;

  /** The loss and d loss / d log π at ratio {@code r} and advantage {@code a}. */
  static double[] lossAndGrad(double r, double a) {
    Tensor logp = Tensor.of((float) Math.log(r)).requiresGrad(true);
    Tensor loss = PpoLoss.clipped(logp, Tensor.of(0f), Tensor.of((float) a), EPS);
    loss.backward();
    return new double[] {loss.item(), logp.grad().item()};
  }

  @Test
  void insideTheClipRangeItIsThePlainPolicyGradient() {
    assertLossAndGrad(1.1, 1, -1.1, -1.1);
    assertLossAndGrad(0.9, -1, 0.9, 0.9);
    assertLossAndGrad(1.0, 2, -2.0, -2.0);
  }

  @Test
  void positiveAdvantageIsClippedAboveOnePlusEpsilonOnly() {
    assertLossAndGrad(1.5, 1, -1.2, 0); // the clipped term wins: no push further up
    assertLossAndGrad(0.5, 1, -0.5, -0.5); // below 1 − ε the unclipped term is the minimum
  }

  @Test
  void negativeAdvantageIsClippedBelowOneMinusEpsilonOnly() {
    assertLossAndGrad(0.5, -1, 0.8, 0); // the clipped term wins: no push further down
    assertLossAndGrad(1.5, -1, 1.5, 1.5); // above 1 + ε the unclipped term is the minimum
  }

  @Test
  void atTheBoundariesBothTermsAgree() {
    assertThat(lossAndGrad(1.2, 1)[0]).isCloseTo(-1.2, within(1e-6));
    assertThat(lossAndGrad(0.8, 1)[0]).isCloseTo(-0.8, within(1e-6));
    assertThat(lossAndGrad(1.2, -1)[0]).isCloseTo(1.2, within(1e-6));
    assertThat(lossAndGrad(0.8, -1)[0]).isCloseTo(0.8, within(1e-6));
  }

  @Test
  void meanOverTheMinibatch() {
    Tensor logp = Tensor.of((float) Math.log(1.1), (float) Math.log(1.5));
    Tensor loss = PpoLoss.clipped(logp, Tensor.of(0f, 0f), Tensor.of(1f, -2f), EPS);
    // (−1.1 + 3.0) / 2
    assertThat(loss.item()).isCloseTo(0.95f, within(1e-6f));
  }

  @Test
  void valueClippingLimitsTheChangeFromTheOldValue() {
    Tensor v = Tensor.of(3f, 1f);
    Tensor old = Tensor.of(1f, 1f);
    Tensor ret = Tensor.of(4f, 0f);
    // clipped: 1 + clip(2, −0.5, 0.5) = 1.5 → (4 − 1.5)² = 6.25; 1 → 1; mean 3.625
    assertThat(PpoLoss.value(v, old, ret, 0.5).item()).isCloseTo(3.625f, within(1e-6f));
    // unclipped: (1² + 1²) / 2
    assertThat(PpoLoss.value(v, old, ret, Double.NaN).item()).isCloseTo(1f, within(1e-6f));
  }

  private static void assertLossAndGrad(double r, double a, double loss, double grad) {
    double[] lg = lossAndGrad(r, a);
    assertThat(lg[0]).as("loss at r=%s A=%s", r, a).isCloseTo(loss, within(1e-6));
    assertThat(lg[1]).as("gradient at r=%s A=%s", r, a).isCloseTo(grad, within(1e-6));
  }
}
