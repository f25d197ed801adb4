package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.data.DataLoader;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAE's loss terms, gradients, training through the one loop, sampling and resuming. */
class VariationalAutoencoderTest {
  static final int V = 16;

  static DataLoader<DataLoader.Batch> loader(Tensor x, int batch, long seed) {
    return new DataLoader<>(
        x.size(0),
        batch,
        true,
        false,
        seed,
        (rows, n) -> new DataLoader.Batch(x.indexSelect(0, DataLoader.indexTensor(rows)), null));
  }

  @Test
  void klTermEqualsItsClosedForm() {
    float[] mu = {0.5f, -1f, 0f, 2f, 0.25f, -0.3f};
    float[] lv = {0f, 0.7f, -1.2f, 0.3f, -0.5f, 1f};
    double expected = 0;
    for (int i = 0; i < 6; i++) expected += -0.5 * (1 + lv[i] - mu[i] * mu[i] - Math.exp(lv[i]));
    expected /= 2; // two rows: averaged over the batch
    var q = new VariationalAutoencoder.Posterior(Tensor.of(mu, 2, 3), Tensor.of(lv, 2, 3));
    assertThat((double) VariationalAutoencoder.kl(q).item())
        .isCloseTo(expected, offset(1e-5 * expected));
    var prior = new VariationalAutoencoder.Posterior(Tensor.zeros(4, 3), Tensor.zeros(4, 3));
    assertThat(VariationalAutoencoder.kl(prior).item()).isEqualTo(0f);
    // The code is μ + σ·ε.
    Tensor z = VariationalAutoencoder.reparameterize(q, Tensor.full(2f, 2, 3));
    assertThat((double) z.toArray()[1]).isCloseTo(-1 + Math.exp(0.35) * 2, offset(1e-5));
  }

  @Test
  void lossGradientsMatchFiniteDifferencesWithTheNoiseFixed() {
    for (Autoencoder.Hidden h : Autoencoder.Hidden.values()) {
      var vae = new VariationalAutoencoder(6, 5, 3, h, new Rng(3));
      Tensor x = Tensor.rand(new Rng(4), 4, 6);
      Tensor eps = Tensor.randn(new Rng(5), 4, 3);
      GradCheck.Result r =
          GradCheck.check(
              GradCheck.Options.defaults().withTolerance(2e-3, 2e-2),
              in -> vae.loss(x, eps).loss(),
              vae.parameters().toArray(new Tensor[0]));
      assertThat(r.passed()).as(h + ": " + r.failure()).isTrue();
      assertThat(r.checked()).isEqualTo(6 * 5 + 5 + 2 * (5 * 3 + 3) + 3 * 5 + 5 + 5 * 6 + 6);
    }
  }

  @Test
  void aSaturatedDecoderKeepsTheLossAndItsGradientsFinite() {
    var vae = new VariationalAutoencoder(6, 5, 3, Autoencoder.Hidden.RELU, new Rng(3));
    try (var off = Grad.disabled()) {
      // Every output's sigmoid is exactly 1 in float32; the target is 0 for half the pixels.
      vae.namedParameters().get("decoder.2.bias").fill(60f);
    }
    Tensor x = Tensor.of(new float[] {0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0}, 2, 6);
    var l = vae.loss(x, Tensor.zeros(2, 3));
    assertThat(l.output().min().item()).isEqualTo(1f);
    assertThat((double) l.reconstruction().item()).isCloseTo(3 * 60, offset(1.0));
    l.loss().backward();
    for (var e : vae.namedParameters().entrySet())
      for (float g : e.getValue().grad().toArray()) assertThat(g).as(e.getKey()).isFinite();
  }

  @Test
  void trainingThroughTheLoopLowersTheValidationLoss() {
    Tensor train = DeepBeliefNetTest.prototypes(512, 0.05, 1).features();
    Tensor val = DeepBeliefNetTest.prototypes(128, 0.05, 2).features();
    var vae = new VariationalAutoencoder(V, 12, 2, Autoencoder.Hidden.RELU, new Rng(7));
    double before = vae.validation(val, 9).measure().get("val_loss");
    Optimizer opt = new Adam(0.01).create(vae.parameters());
    Trainer.Result r =
        new Trainer(vae, new TrainConfig(15, 32, 11))
            .validate(vae.validation(val, 9))
            .fit(loader(train, 32, 11), new VariationalAutoencoder.Step(vae, opt, new Rng(12)));
    double after = r.metrics().get("val_loss");
    System.out.printf(
        "val loss %.3f -> %.3f (reconstruction %.3f, KL %.3f)%n",
        before, after, r.metrics().get("val_reconstruction"), r.metrics().get("val_kl"));
    // Seen: 11.381 -> 5.628 (reconstruction 3.841, KL 1.787) nats per example.
    assertThat(after).isLessThan(0.6 * before);
    assertThat(r.metrics().get("val_kl")).isGreaterThan(0.0);
  }

  @Test
  void samplesAreDecodedPriorDrawsInTheUnitIntervalAndRepeatForASeed() {
    var vae = new VariationalAutoencoder(V, 12, 3, Autoencoder.Hidden.RELU, new Rng(7));
    Tensor a = vae.sample(6, new Rng(11)), b = vae.sample(6, new Rng(11));
    Tensor c = vae.sample(6, new Rng(12));
    assertThat(a.shape()).containsExactly(6, V);
    assertThat(a.min().item()).isGreaterThanOrEqualTo(0f);
    assertThat(a.max().item()).isLessThanOrEqualTo(1f);
    assertThat(a.toArray()).containsExactly(b.toArray());
    assertThat(a.toArray()).isNotEqualTo(c.toArray());
    assertThat(a.toArray()).containsExactly(vae.decode(Tensor.randn(new Rng(11), 6, 3)).toArray());
    assertThatThrownBy(() -> vae.loss(Tensor.zeros(2, V), Tensor.zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(2, 3)");
  }

  /** A VAE trained for {@code epochs}, from a checkpoint when asked. */
  static VariationalAutoencoder run(int epochs, Path checkpoint, boolean resume, long initSeed) {
    Tensor train = DeepBeliefNetTest.prototypes(96, 0.1, 1).features();
    var vae = new VariationalAutoencoder(V, 8, 2, Autoencoder.Hidden.RELU, new Rng(initSeed));
    Optimizer opt = new Adam(0.01).create(vae.parameters());
    TrainConfig cfg = new TrainConfig(epochs, 16, 5);
    if (checkpoint != null) cfg = cfg.withCheckpoint(checkpoint, 1);
    Trainer trainer = new Trainer(vae, cfg);
    if (resume) trainer.resumeIfPresent(checkpoint);
    // The ε generator starts from its seed; on resume the checkpoint's state replaces it.
    trainer.fit(loader(train, 16, 5), new VariationalAutoencoder.Step(vae, opt, new Rng(6)));
    return vae;
  }

  static List<Float> flat(VariationalAutoencoder m) {
    List<Float> all = new ArrayList<>();
    for (var t : m.stateDict().values()) for (float v : t.toArray()) all.add(v);
    return all;
  }

  @Test
  void aRunRepeatsAndResumesBitForBit(@TempDir Path dir) {
    List<Float> straight = flat(run(4, null, false, 1));
    assertThat(flat(run(4, null, false, 1))).containsExactlyElementsOf(straight);
    Path ckpt = dir.resolve("vae.ckpt");
    run(2, ckpt, false, 1);
    // Other initial weights: the checkpoint must win, and the ε of epochs 3 and 4 must match.
    assertThat(flat(run(4, ckpt, true, 42))).containsExactlyElementsOf(straight);
    assertThat(flat(run(4, null, false, 42))).isNotEqualTo(straight);
  }
}
