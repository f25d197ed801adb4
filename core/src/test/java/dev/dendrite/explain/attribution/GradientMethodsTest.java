package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Rng;
import org.junit.jupiter.api.Test;

class GradientMethodsTest {
  static Module mlp() {
    Rng rng = new Rng(3);
    return new Sequential(new Linear(5, 8, rng), new Tanh(), new Linear(8, 3, rng)).eval();
  }

  static final float[] X = {0.8f, -1.2f, 0.5f, 2.0f, -0.3f};

  @Test
  void saliencyIsTheGradientByFiniteDifferences() {
    ScoreFunction f = ScoreFunction.probability(mlp(), 1);
    float[] g = Saliency.gradient(f, X);
    double h = 1e-2;
    for (int i = 0; i < X.length; i++) {
      float[] up = X.clone(), down = X.clone();
      up[i] += (float) h;
      down[i] -= (float) h;
      double fd = (f.at(up) - f.at(down)) / (2 * h);
      assertThat((double) g[i])
          .as("feature %d", i)
          .isCloseTo(fd, within(2e-3 + 0.02 * Math.abs(fd)));
    }
    float[] s = Saliency.of(f, X).values();
    for (int i = 0; i < X.length; i++) assertThat(s[i]).isEqualTo(Math.abs(g[i]));
  }

  @Test
  void batchedGradientsEqualOneRowAtATime() {
    ScoreFunction f = ScoreFunction.logit(mlp(), 2);
    float[] rows = new float[3 * 5];
    for (int i = 0; i < rows.length; i++) rows[i] = (float) Math.sin(i);
    float[] all = f.gradients(rows, 5);
    for (int r = 0; r < 3; r++) {
      float[] one = Saliency.gradient(f, java.util.Arrays.copyOfRange(rows, r * 5, r * 5 + 5));
      for (int i = 0; i < 5; i++) assertThat(all[r * 5 + i]).isCloseTo(one[i], within(1e-6f));
    }
  }

  @Test
  void smoothGradWithoutNoiseIsTheGradientAndNoiseSmoothsIt() {
    ScoreFunction f = ScoreFunction.probability(mlp(), 0);
    float[] g = Saliency.gradient(f, X), m = SmoothGrad.meanGradient(f, X, 4, 0, 1);
    for (int i = 0; i < X.length; i++) assertThat(m[i]).isCloseTo(g[i], within(1e-6f));
    // With noise, the mean of many noisy gradients is close to that of many more (seed 2 vs 3).
    float[] a = SmoothGrad.meanGradient(f, X, 400, SmoothGrad.NOISE, 2);
    float[] b = SmoothGrad.meanGradient(f, X, 400, SmoothGrad.NOISE, 3);
    double diff = 0, norm = 0;
    for (int i = 0; i < X.length; i++) {
      diff += Math.abs(a[i] - b[i]);
      norm += Math.abs(a[i]);
      assertThat(a[i]).isNotEqualTo(g[i]);
    }
    assertThat(diff / norm).isLessThan(0.15);
  }

  @Test
  void integratedGradientsAreComplete() {
    ScoreFunction f = ScoreFunction.probability(mlp(), 1);
    for (IntegratedGradients.Rule rule : IntegratedGradients.Rule.values()) {
      IntegratedGradients.Result r = IntegratedGradients.of(f, X, null, 64, rule);
      double change = f.at(X) - f.at(new float[5]);
      assertThat(Math.abs(change)).isGreaterThan(0.05);
      assertThat(r.attribution().sum())
          .as("%s", rule)
          .isCloseTo(change, within(0.01 * Math.abs(change)));
      assertThat(r.delta()).isCloseTo(r.attribution().sum() - change, within(1e-6));
    }
    float[] base = {0.1f, 0.1f, -0.5f, 0.3f, 0.2f};
    IntegratedGradients.Result r =
        IntegratedGradients.of(f, X, base, 64, IntegratedGradients.Rule.TRAPEZOID);
    assertThat(r.attribution().sum())
        .isCloseTo(f.at(X) - f.at(base), within(0.01 * Math.abs(f.at(X) - f.at(base))));
    assertThat(r.baselineScore()).isCloseTo(f.at(base), within(1e-7));
  }

  @Test
  void integratedGradientsOfALinearModelAreWeightTimesChange() {
    float[] w = {2f, -1f, 0.5f, 0f, 3f};
    ScoreFunction f = x -> x.matmul(dev.dendrite.tensor.Tensor.of(w, 5, 1)).reshape(-1).add(7f);
    float[] a =
        IntegratedGradients.of(f, X, null, 3, IntegratedGradients.Rule.RIEMANN_RIGHT)
            .attribution()
            .values();
    for (int i = 0; i < 5; i++) assertThat(a[i]).isCloseTo(w[i] * X[i], within(1e-5f));
    assertThatThrownBy(() -> IntegratedGradients.of(f, X, new float[2], 3, null))
        .hasMessageContaining("baseline has 2 features, the input 5");
  }
}
