package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.activation.Maxout;
import dev.dendrite.nn.regularization.AlphaDropout;
import dev.dendrite.nn.regularization.Dropout;
import dev.dendrite.nn.regularization.GaussianNoise;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Dropout, noise injection and Maxout: statistics in training, identity in evaluation, gradients.
 */
class RegularizationLayersTest {
  static double mean(float[] v) {
    double s = 0;
    for (float x : v) s += x;
    return s / v.length;
  }

  static double var(float[] v) {
    double m = mean(v), s = 0;
    for (float x : v) s += (x - m) * (x - m);
    return s / v.length;
  }

  @Test
  void dropoutDropsTheGivenFractionAndKeepsTheMean() {
    Dropout d = new Dropout(0.3f, new Rng(1));
    float[] y = d.forward(Tensor.ones(200_000)).toArray();
    long zeros = 0;
    for (float v : y) if (v == 0) zeros++;
    assertThat(zeros / 200_000.0).isCloseTo(0.3, within(0.005));
    assertThat(mean(y)).isCloseTo(1.0, within(0.01));
    d.eval();
    assertThat(d.forward(Tensor.ones(10)).toArray()).containsOnly(1f);
  }

  @Test
  void alphaDropoutKeepsZeroMeanAndUnitVariance() {
    AlphaDropout d = new AlphaDropout(0.2f, new Rng(2));
    float[] y = d.forward(Tensor.randn(new Rng(3), 400_000)).toArray();
    assertThat(mean(y)).isCloseTo(0, within(0.01));
    assertThat(var(y)).isCloseTo(1, within(0.02));
    d.eval();
    Tensor x = Tensor.randn(new Rng(4), 5);
    assertThat(d.forward(x).toArray()).containsExactly(x.toArray());
  }

  @Test
  void gaussianNoiseAddsTheGivenVarianceInTrainingOnly() {
    GaussianNoise g = new GaussianNoise(0.5f, new Rng(5));
    float[] y = g.forward(Tensor.zeros(200_000)).toArray();
    assertThat(var(y)).isCloseTo(0.25, within(0.005));
    g.eval();
    assertThat(g.forward(Tensor.zeros(10)).toArray()).containsOnly(0f);
  }

  @Test
  void maxoutTakesTheLargestPieceAndPassesGradCheck() {
    Rng rng = new Rng(6);
    Maxout m = new Maxout(3, 2, 4, rng);
    assertThat(m.namedParameters().get("weight").shape()).containsExactly(8, 3);
    Tensor x = Tensor.randn(rng, 5, 3);
    Tensor z =
        x.matmul(m.namedParameters().get("weight").t())
            .add(m.namedParameters().get("bias"))
            .reshape(5, 2, 4);
    assertThat(m.forward(x).toArray()).containsExactly(z.max(2, false).toArray());
    assertThat(m.outputShape(new int[] {7, 3})).containsExactly(7, 2);
    Tensor xg = x.requiresGrad(true);
    assertThat(GradCheck.check(in -> m.forward(in[0]), xg).passed()).isTrue();
  }
}
