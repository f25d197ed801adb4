package dev.dendrite.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FocalLossTest {
  private static final float[][] LOGITS = {{1f, 2f, 0.5f}, {0.3f, -1f, 2f}, {-0.4f, 0.1f, 3f}};
  private static final int[] TARGET = {1, 0, 2};

  /** −α_t (1 − p_t)^γ log p_t per row, in double precision. */
  private static double[] byHand(double gamma, double[] alpha) {
    double[] out = new double[LOGITS.length];
    for (int i = 0; i < LOGITS.length; i++) {
      double z = 0;
      for (float v : LOGITS[i]) z += Math.exp(v);
      double p = Math.exp(LOGITS[i][TARGET[i]]) / z;
      out[i] = -(alpha == null ? 1 : alpha[TARGET[i]]) * Math.pow(1 - p, gamma) * Math.log(p);
    }
    return out;
  }

  private static Tensor logits() {
    float[] f = new float[9];
    for (int i = 0; i < 3; i++) System.arraycopy(LOGITS[i], 0, f, 3 * i, 3);
    return Tensor.of(f, 3, 3);
  }

  private static final Tensor TARGETS = Tensor.of(new float[] {1, 0, 2});

  @Test
  void valuesMatchAHandComputation() {
    double[] h = byHand(2, null);
    float[] rows = new FocalLoss().withReduction(Reduction.NONE).apply(logits(), TARGETS).toArray();
    for (int i = 0; i < 3; i++) assertThat((double) rows[i]).isCloseTo(h[i], within(1e-6));
    // row 0: p_t = e²/(e + e² + e^0.5) = 0.6285; (1 − p_t)² = 0.1380; −log p_t = 0.4644
    assertThat(h[0]).isCloseTo(0.0641, within(1e-4));
    double[] alpha = {0.25, 0.5, 2.0};
    double[] ha = byHand(2, alpha);
    double mean = (ha[0] + ha[1] + ha[2]) / 3;
    float got =
        new FocalLoss()
            .withAlpha(Tensor.of(new float[] {0.25f, 0.5f, 2f}))
            .apply(logits(), TARGETS)
            .item();
    assertThat((double) got).isCloseTo(mean, within(1e-6));
    double[] h05 = byHand(0.5, null);
    assertThat(
            (double)
                new FocalLoss()
                    .withGamma(0.5)
                    .withReduction(Reduction.SUM)
                    .apply(logits(), TARGETS)
                    .item())
        .isCloseTo(h05[0] + h05[1] + h05[2], within(1e-5));
  }

  @Test
  void gammaZeroIsCrossEntropyAndTheWellClassifiedAreDownWeighted() {
    float ce = new CrossEntropyLoss().apply(logits(), TARGETS).item();
    assertThat(new FocalLoss().withGamma(0).apply(logits(), TARGETS).item())
        .isCloseTo(ce, within(1e-6f));
    // the row with p_t = 0.93 (row 2) loses far more of its loss than the row with p_t = 0.15:
    // the ratio is (1 − p_t)²
    double[] ce0 = byHand(0, null), fl = byHand(2, null);
    assertThat(fl[2] / ce0[2]).isLessThan(0.01);
    assertThat(fl[1] / ce0[1]).isCloseTo(0.7255, within(1e-4));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Tensor x = Tensor.randn(new Rng(3), 5, 4).requiresGrad(true);
    Tensor t = Tensor.of(new float[] {0, 3, 1, 2, 3});
    Tensor a = Tensor.of(new float[] {0.5f, 1f, 2f, 0.25f});
    GradCheck.Result r = GradCheck.check(in -> new FocalLoss().withAlpha(a).apply(in[0], t), x);
    assertThat(r.passed()).as(r.failure()).isTrue();
    GradCheck.Result r2 =
        GradCheck.check(
            in -> new FocalLoss().withGamma(1.5).withReduction(Reduction.NONE).apply(in[0], t), x);
    assertThat(r2.passed()).as(r2.failure()).isTrue();
  }

  @Test
  void badInputsNameTheProblem() {
    assertThatThrownBy(() -> new FocalLoss().withGamma(-1)).hasMessageContaining("gamma");
    assertThatThrownBy(() -> new FocalLoss().apply(logits(), Tensor.of(new float[] {0, 5, 1})))
        .hasMessageContaining("target 5.0 of example 1");
  }
}
