package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LimeTabularTest {
  // Slopes and training standard deviations chosen so that the effects w·σ rank 3, 0, 2, 1.
  static final float[] W = {1.5f, -0.2f, -2f, 0.5f};
  static final double[] SIGMA = {1, 2, 0.5, 10};

  static float[][] train() {
    Rng rng = new Rng(11);
    float[][] t = new float[400][4];
    for (float[] row : t)
      for (int j = 0; j < 4; j++) row[j] = (float) (j + SIGMA[j] * rng.nextGaussian());
    return t;
  }

  static ScoreFunction linear() {
    return x -> x.matmul(Tensor.of(W, 4, 1)).reshape(-1).add(0.3f);
  }

  @Test
  void withoutDiscretizationTheSurrogateRecoversALinearModel() {
    float[][] train = train();
    LimeTabular lime =
        new LimeTabular(train, null, new LimeTabular.Options(false, 2000, Double.NaN, 5));
    float[] row = {0.5f, 2f, 1.5f, 4f};
    LimeExplanation e = lime.explain(linear(), row, 4);
    assertThat(e.features()).containsExactly(3, 0, 2, 1);
    assertThat(e.score()).isGreaterThan(0.999);
    double[] sd = std(train);
    for (int i = 0; i < 4; i++) {
      int j = e.features()[i];
      // coefficients are on standardised features: slope × σ of the training data
      assertThat(e.weights()[i] / sd[j])
          .as("feature %d", j)
          .isCloseTo(W[j], within(0.02 * Math.abs(W[j])));
    }
    assertThat(e.localPrediction()).isCloseTo(e.modelScore(), within(0.01));
    assertThat(e.names()).containsExactly("x4", "x1", "x3", "x2");
  }

  @Test
  void withQuartilesTheSignsAndBinsAreTheModels() {
    LimeTabular lime =
        new LimeTabular(
            train(),
            new String[] {"a", "b", "c", "d"},
            new LimeTabular.Options(true, 3000, Double.NaN, 1));
    float[] row = {3f, 8f, 4f, 30f}; // every feature in its top quartile
    LimeExplanation e = lime.explain(linear(), row, 4);
    for (int i = 0; i < 4; i++) {
      int j = e.features()[i];
      assertThat(Math.signum(e.weights()[i])).as("feature %d", j).isEqualTo(Math.signum(W[j]));
      assertThat(e.names()[i]).startsWith(new String[] {"a", "b", "c", "d"}[j] + " > ");
    }
    assertThat(e.features()[0]).isEqualTo(3); // the largest effect is still first
    assertThat(e.score()).isGreaterThan(0.5);
    // two features only: forward selection keeps the two largest effects
    LimeExplanation two = lime.explain(linear(), row, 2);
    assertThat(two.features()).containsExactlyInAnyOrder(3, 0);
  }

  @Test
  void quartilesAreNumpysPercentiles() {
    double[] s = {1, 2, 3, 4, 10};
    assertThat(LimeTabular.percentile(s, 25)).isEqualTo(2);
    assertThat(LimeTabular.percentile(s, 50)).isEqualTo(3);
    assertThat(LimeTabular.percentile(new double[] {1, 2, 3, 4}, 25)).isEqualTo(1.75);
  }

  private static double[] std(float[][] t) {
    double[] sd = new double[4];
    for (int j = 0; j < 4; j++) {
      double m = 0, v = 0;
      for (float[] r : t) m += r[j] / t.length;
      for (float[] r : t) v += (r[j] - m) * (r[j] - m) / t.length;
      sd[j] = Math.sqrt(v);
    }
    return sd;
  }
}
