package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** D(x, y) = ψ(φ(x)) + ⟨V_y, φ(x)⟩, checked by hand, by finite differences and by training. */
class ProjectionDiscriminatorTest {
  private static ProjectionDiscriminator small(Rng rng) {
    Sequential body = new Sequential(new Linear(4, 5, rng), new Tanh());
    return new ProjectionDiscriminator(4, body, new Linear(5, 1, rng), 3, rng);
  }

  @Test
  void scoreIsHeadPlusInnerProductWithTheClassRow() {
    ProjectionDiscriminator d = small(new Rng(1));
    Tensor x = Tensor.randn(new Rng(2), 2, 4);
    float[] labels = {2f, 0f};
    Tensor in = Tensor.cat(1, x, Tensor.of(labels, 2, 1));
    float[] got = d.forward(in).toArray();
    Tensor f = d.body().forward(x);
    float[] head = d.head().forward(f).toArray();
    Tensor v = d.namedParameters().get("embed.weight");
    assertThat(v.shape()).containsExactly(3, 5);
    for (int i = 0; i < 2; i++) {
      double dot = 0;
      for (int j = 0; j < 5; j++)
        dot += v.select(0, (int) labels[i]).toArray()[j] * f.select(0, i).toArray()[j];
      assertThat((double) got[i])
          .isCloseTo(head[i] + dot, org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThatThrownBy(() -> d.forward(Tensor.cat(1, x, Tensor.of(new float[] {3f, 0f}, 2, 1))))
        .hasMessageContaining("class index 3.0 is not in 0..2");
    assertThatThrownBy(() -> d.forward(x)).hasMessageContaining("needs (N, 5)");
  }

  /** With bodySeesClass, φ reads the class index too, and the projection uses those features. */
  @Test
  void aBodyThatSeesTheClassFeedsBothTerms() {
    Rng rng = new Rng(5);
    Sequential body = new Sequential(new ClassConcat(3, 2, rng), new Linear(6, 5, rng), new Tanh());
    ProjectionDiscriminator d =
        new ProjectionDiscriminator(4, body, new Linear(5, 1, rng), 3, true, rng);
    Tensor x = Tensor.randn(new Rng(6), 2, 4);
    float[] labels = {1f, 2f};
    Tensor in = Tensor.cat(1, x, Tensor.of(labels, 2, 1));
    float[] got = d.forward(in).toArray();
    Tensor f = body.forward(in);
    float[] head = d.head().forward(f).toArray();
    Tensor v = d.namedParameters().get("embed.weight");
    for (int i = 0; i < 2; i++) {
      double dot = 0;
      for (int j = 0; j < 5; j++)
        dot += v.select(0, (int) labels[i]).toArray()[j] * f.select(0, i).toArray()[j];
      assertThat((double) got[i])
          .isCloseTo(head[i] + dot, org.assertj.core.data.Offset.offset(1e-5));
    }
    // The same image with another class moves the body's features, not only the projection.
    Tensor other = Tensor.cat(1, x, Tensor.of(new float[] {0f, 2f}, 2, 1));
    assertThat(body.forward(other).get(0, 0)).isNotEqualTo(f.get(0, 0));
    Tensor e = d.namedParameters().get("body.0.weight");
    Tensor y = Tensor.of(labels, 2, 1);
    GradCheck.Result r =
        GradCheck.check(
            t -> d.forward(Tensor.cat(1, t[0], y)).sum(),
            x.requiresGrad(true),
            v.requiresGrad(true),
            e);
    assertThat(r.passed()).as(r.failure()).isTrue();
    assertThatThrownBy(
            () -> new ProjectionDiscriminator(4, body, new Linear(5, 1, rng), 3, false, rng))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Rng rng = new Rng(3);
    ProjectionDiscriminator d = small(rng);
    Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
    Tensor y = Tensor.of(new float[] {1f, 2f, 1f}, 3, 1);
    Tensor v = d.namedParameters().get("embed.weight");
    Tensor w = d.namedParameters().get("body.0.weight");
    GradCheck.Result r =
        GradCheck.check(t -> d.forward(Tensor.cat(1, t[0], y)).sum(), x, v.requiresGrad(true), w);
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void parametersAndShapesAreNamed() {
    Gan g = Architectures.projection(100, 10, new Rng(4));
    assertThat(g.stateDict())
        .containsKeys(
            "discriminator.body.0.weight",
            "discriminator.head.weight",
            "discriminator.embed.weight");
    assertThat(g.stateDict().get("discriminator.embed.weight").shape()).containsExactly(10, 256);
    assertThat(g.discriminator().outputShape(new int[] {7, 785})).containsExactly(7, 1);
    assertThatThrownBy(
            () ->
                new ProjectionDiscriminator(
                    4, new Linear(4, 5, new Rng(1)), new Linear(5, 2, new Rng(1)), 3, new Rng(1)))
        .hasMessageContaining("one score");
  }

  @Test
  void aTinyProjectionGanFollowsItsClass() {
    Rng rng = new Rng(42);
    Sequential g =
        new Sequential(
            new ClassConcat(2, 4, rng),
            new Linear(2 + 4, 16, rng),
            new LeakyReLU(0.2f),
            new Linear(16, 4, rng),
            new Tanh());
    Sequential body = new Sequential(new Linear(4, 16, rng), new LeakyReLU(0.2f));
    Gan gan =
        new Gan(g, new ProjectionDiscriminator(4, body, new Linear(16, 1, rng), 2, rng), 2, 2);
    double[] m = ConditionalGanTest.trainAndMeasure(gan, rng);
    assertThat(m[0]).as("class 0 mean (data −0.73)").isLessThan(-0.3);
    assertThat(m[1]).as("class 1 mean (data 0.73)").isGreaterThan(0.3);
  }
}
