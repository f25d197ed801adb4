package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditional GAN follows its class: a tiny one learns two class means. */
class ConditionalGanTest {
  /** Class 0: tanh(N(−1, 0.3)) ≈ −0.73, class 1: tanh(N(1, 0.3)) ≈ 0.73, in 4 coordinates. */
  private static Labeled data(int n) {
    Rng rng = new Rng(3);
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 4; j++)
        x[i * 4 + j] = (float) Math.tanh(0.3 * rng.nextGaussian() + (y[i] == 1 ? 1 : -1));
    }
    return new Labeled(Tensor.of(x, n, 4), y, List.of("low", "high"));
  }

  private static Gan tiny(Rng rng) {
    Sequential g =
        new Sequential(
            new ClassConcat(2, 4, rng),
            new Linear(2 + 4, 16, rng),
            new LeakyReLU(0.2f),
            new Linear(16, 4, rng),
            new Tanh());
    Sequential d =
        new Sequential(
            new ClassConcat(2, 4, rng),
            new Linear(4 + 4, 16, rng),
            new LeakyReLU(0.2f),
            new Linear(16, 1, rng));
    return new Gan(g, d, 2, 2);
  }

  /** The mean sample of each class, from the same 200 noise vectors. */
  private static double[] classMeans(Gan gan) {
    Tensor z = gan.noise(new Rng(8), 200);
    double[] m = new double[2];
    try (var off = Grad.disabled()) {
      gan.generator().eval();
      for (int c = 0; c < 2; c++) {
        float[] l = new float[200];
        java.util.Arrays.fill(l, c);
        m[c] = gan.generate(z, Tensor.of(l, 200)).mean().item();
      }
      gan.generator().train();
    }
    return m;
  }

  @Test
  void trainedGeneratorOutputDependsOnItsClass() {
    Rng rng = new Rng(42);
    double[] m = trainAndMeasure(tiny(rng), rng);
    assertThat(m[0]).as("class 0 mean (data −0.73)").isLessThan(-0.3);
    assertThat(m[1]).as("class 1 mean (data 0.73)").isGreaterThan(0.3);
  }

  /** Trains a tiny conditional GAN on the two classes; returns each class's mean sample. */
  static double[] trainAndMeasure(Gan gan, Rng rng) {
    var optD = new Adam(2e-3).withBetas(0.5, 0.999).create(gan.discriminator().parameters());
    var optG = new Adam(2e-3).withBetas(0.5, 0.999).create(gan.generator().parameters());
    GanStep step = new GanStep(gan, GanLoss.NON_SATURATING, optD, optG, 1, 1, 0, rng.split());
    new Trainer(gan, new TrainConfig(40, 16, 1))
        .fit(DataLoader.of(data(128), 16, true, false, 7), step);
    return classMeans(gan);
  }

  @Test
  void embeddingIsAParameterAndItsSpecRoundTrips() {
    ClassConcat c = new ClassConcat(10, 50, new Rng(1));
    assertThat(c.namedParameters()).containsOnlyKeys("weight");
    assertThat(c.namedParameters().get("weight").shape()).containsExactly(10, 50);
    assertThat(c.outputShape(new int[] {3, 101})).containsExactly(3, 150);
    Tensor x = Tensor.of(new float[] {0.5f, 2f, -0.5f, 7f}, 2, 2);
    Tensor y = c.forward(x);
    assertThat(y.shape()).containsExactly(2, 51);
    Tensor w = c.namedParameters().get("weight");
    assertThat(y.select(0, 1).slice(0, 1, 51).toArray()).containsExactly(w.select(0, 7).toArray());
    assertThat(c.spec()).containsEntry("embedding", 50);
    assertThat(new ClassConcat(10).namedParameters()).isEmpty();
    assertThatThrownBy(() -> c.forward(Tensor.of(new float[] {0f, 10f}, 1, 2)))
        .hasMessageContaining("class index 10.0 is not in 0..9");
  }
}
