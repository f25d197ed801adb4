package dev.dendrite.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The moving averages' coefficients 1 − β are derived in double and rounded once, as torch.optim
 * derives them from Python floats: 1 − (float) 0.999 is 1.3e-5 away from (float) 0.001, which
 * shifts the stored second moment by as much, relative.
 */
class OptimizerCoefficientsTest {
  static final float G = 0.37f;

  static Map<String, Tensor> stepOnce(java.util.function.Function<List<Tensor>, Optimizer> make) {
    Tensor p = Tensor.of(1f, -2f).requiresGrad(true);
    Optimizer opt = make.apply(List.of(p));
    p.setGrad(Tensor.of(G, G));
    opt.step();
    return opt.stateDict();
  }

  @Test
  void adamAndAdamWSecondMomentUsesOneMinusBetaRoundedFromDouble() {
    float want = (G * G) * (float) (1 - 0.999);
    assertThat(stepOnce(p -> new Adam(0.01).create(p)).get("0.exp_avg_sq").toArray())
        .containsOnly(want);
    assertThat(stepOnce(p -> Adam.adamW(0.01).create(p)).get("0.exp_avg_sq").toArray())
        .containsOnly(want);
    assertThat(
            stepOnce(p -> new Adam(0.01).withAmsgrad(true).create(p))
                .get("0.max_exp_avg_sq")
                .toArray())
        .containsOnly(want);
    assertThat(want).isNotEqualTo((G * G) * (1 - 0.999f));
  }

  @Test
  void rmspropSquareAverageUsesOneMinusAlphaRoundedFromDouble() {
    float want = (G * G) * (float) (1 - 0.99);
    Map<String, Tensor> s = stepOnce(p -> new RMSprop(0.01).withCentered(true).create(p));
    assertThat(s.get("0.square_avg").toArray()).containsOnly(want);
    assertThat(s.get("0.grad_avg").toArray()).containsOnly(G * (float) (1 - 0.99));
    assertThat(want).isNotEqualTo((G * G) * (1 - 0.99f));
  }
}
