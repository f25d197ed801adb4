package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.loss.BCEWithLogitsLoss;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The three objectives against their formulas and against BCEWithLogitsLoss. */
class GanLossTest {
  private static final float[] R = {2.5f, -0.3f, 0.8f, 40f}, F = {-1.2f, 0.4f, -35f, 3f};

  private static double softplus(double x) {
    return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
  }

  @Test
  void discriminatorLossIsBceWithOneSidedSmoothing() {
    Tensor r = Tensor.of(R, 4, 1), f = Tensor.of(F, 4, 1);
    for (float label : new float[] {1f, 0.9f}) {
      double want = 0;
      for (int i = 0; i < 4; i++)
        want += (label * softplus(-R[i]) + (1 - label) * softplus(R[i]) + softplus(F[i])) / 4;
      double got = GanLoss.NON_SATURATING.discriminator(r, f, label).item();
      assertThat(got).isCloseTo(want, within(1e-5));
      assertThat(GanLoss.MINIMAX.discriminator(r, f, label).item()).isEqualTo((float) got);
      var bce = new BCEWithLogitsLoss();
      double ref =
          bce.apply(r, Tensor.full(label, 4, 1)).item() + bce.apply(f, Tensor.zeros(4, 1)).item();
      assertThat(got).isCloseTo(ref, within(1e-5));
    }
  }

  @Test
  void generatorLosses() {
    Tensor f = Tensor.of(F, 4, 1);
    double ns = 0, mm = 0, w = 0;
    for (float x : F) {
      ns += softplus(-x) / 4; // −log σ(x)
      mm += Math.log(1 - 1 / (1 + Math.exp(-x))) / 4; // log(1 − σ(x))
      w -= x / 4.0;
    }
    assertThat((double) GanLoss.NON_SATURATING.generator(f).item()).isCloseTo(ns, within(1e-5));
    assertThat((double) GanLoss.MINIMAX.generator(f).item()).isCloseTo(mm, within(1e-5));
    assertThat((double) GanLoss.WASSERSTEIN.generator(f).item()).isCloseTo(w, within(1e-5));
    Tensor r = Tensor.of(R, 4, 1);
    double critic = 0;
    for (int i = 0; i < 4; i++) critic += (F[i] - R[i]) / 4.0;
    assertThat((double) GanLoss.WASSERSTEIN.discriminator(r, f, 1f).item())
        .isCloseTo(critic, within(1e-5));
    assertThat(GanLoss.parse("non-saturating")).isEqualTo(GanLoss.NON_SATURATING);
  }
}
