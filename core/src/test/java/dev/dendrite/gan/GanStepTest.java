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
import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adversarial step through Trainer: schedule, metrics, resume bit for bit, divergence. */
class GanStepTest {
  /** A tiny GAN over 6-dimensional data: G 3→8(BN)→6 tanh, D 6→8→1. */
  static Gan tiny(Rng rng, int classes) {
    int c = classes > 0 ? classes : 0;
    List<dev.dendrite.nn.Module> g = new ArrayList<>(), d = new ArrayList<>();
    if (c > 0) g.add(new ClassConcat(c));
    g.addAll(
        List.of(
            new Linear(3 + c, 8, rng),
            new BatchNorm1d(8),
            new LeakyReLU(0.2f),
            new Linear(8, 6, rng),
            new Tanh()));
    if (c > 0) d.add(new ClassConcat(c));
    d.addAll(List.of(new Linear(6 + c, 8, rng), new LeakyReLU(0.2f), new Linear(8, 1, rng)));
    return new Gan(new Sequential(g), new Sequential(d), 3, c);
  }

  static Labeled data(int n) {
    Rng rng = new Rng(3);
    float[] x = new float[n * 6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 6; j++) x[i * 6 + j] = (float) Math.tanh(rng.nextGaussian() + y[i]);
    }
    return new Labeled(Tensor.of(x, n, 6), y, List.of("a", "b"));
  }

  record Run(Gan gan, GanStep step, Trainer trainer, DataLoader<DataLoader.Batch> loader) {}

  static Run run(TrainConfig cfg, GanLoss loss, int k, double label, double gp, int classes) {
    Rng rng = new Rng(42);
    Gan gan = tiny(rng, classes);
    var optD = new Adam(2e-3).withBetas(0.5, 0.999).create(gan.discriminator().parameters());
    var optG = new Adam(1e-3).withBetas(0.5, 0.999).create(gan.generator().parameters());
    GanStep step = new GanStep(gan, loss, optD, optG, k, label, gp, rng.split());
    var loader = DataLoader.of(data(40), 8, true, false, 7);
    Trainer t =
        new Trainer(gan, cfg).metrics(step.metrics().toArray(dev.dendrite.train.Metric[]::new));
    return new Run(gan, step, t, loader);
  }

  @Test
  void kDiscriminatorStepsPerGeneratorStepAndTtur() {
    Run r = run(new TrainConfig(2, 8, 1), GanLoss.NON_SATURATING, 3, 0.9, 0, 0);
    List<Map<String, Double>> epochs = new ArrayList<>();
    r.trainer()
        .listen(
            e -> {
              if (e instanceof TrainEvent.EpochEnded end) epochs.add(end.metrics());
            });
    r.trainer().fit(r.loader(), r.step());
    assertThat(r.step().discriminatorSteps()).isEqualTo(10);
    assertThat(r.step().generatorSteps()).isEqualTo(3); // after D steps 3, 6 and 9
    assertThat(r.step().optimizers().get(0).lr()).isEqualTo(2e-3);
    assertThat(r.step().optimizers().get(1).lr()).isEqualTo(1e-3);
    assertThat(epochs).hasSize(2);
    for (Map<String, Double> m : epochs) {
      assertThat(m).containsKeys("d_loss", "g_loss", "D(x)", "D(G(z))");
      assertThat(m.get("D(x)")).isBetween(0.0, 1.0);
      assertThat(m.get("D(G(z))")).isBetween(0.0, 1.0);
      assertThat(m.get("d_loss")).isPositive();
    }
  }

  @Test
  void resumeRepeatsAnUninterruptedRunBitForBit(@TempDir Path dir) throws Exception {
    for (int classes : new int[] {0, 2}) {
      Run whole = run(new TrainConfig(3, 8, 1), GanLoss.NON_SATURATING, 2, 0.9, 0, classes);
      whole.trainer().fit(whole.loader(), whole.step());

      Path ck = dir.resolve("gan" + classes + ".ckpt");
      Run first =
          run(
              new TrainConfig(1, 8, 1).withCheckpoint(ck, 1),
              GanLoss.NON_SATURATING,
              2,
              0.9,
              0,
              classes);
      first.trainer().fit(first.loader(), first.step());
      Run rest =
          run(
              new TrainConfig(3, 8, 1).withCheckpoint(ck, 1),
              GanLoss.NON_SATURATING,
              2,
              0.9,
              0,
              classes);
      rest.trainer().resume(Checkpoint.load(ck));
      rest.trainer().fit(rest.loader(), rest.step());

      var a = whole.gan().stateDict();
      var b = rest.gan().stateDict();
      assertThat(b.keySet()).isEqualTo(a.keySet());
      for (String k : a.keySet())
        assertThat(b.get(k).toArray()).as(classes + " " + k).containsExactly(a.get(k).toArray());
      assertThat(rest.step().generatorSteps()).isEqualTo(whole.step().generatorSteps());
    }
  }

  @Test
  void nanStopsNamingTheNetworkAndStepAndKeepsTheCheckpoint(@TempDir Path dir) throws Exception {
    Path ck = dir.resolve("gan.ckpt");
    Run r = run(new TrainConfig(3, 8, 1).withCheckpoint(ck, 1), GanLoss.NON_SATURATING, 1, 1, 0, 0);
    byte[][] saved = new byte[1][];
    r.trainer()
        .listen(
            e -> {
              if (e instanceof TrainEvent.EpochStarted s && s.epoch() == 2) {
                try (var off = Grad.disabled()) {
                  saved[0] = Files.readAllBytes(ck);
                  r.gan().generator().namedParameters().get("3.weight").fill(Float.NaN);
                } catch (java.io.IOException x) {
                  throw new java.io.UncheckedIOException(x);
                }
              }
            });
    assertThatThrownBy(() -> r.trainer().fit(r.loader(), r.step()))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("the discriminator loss became NaN at discriminator step 6")
        .hasMessageContaining("at epoch 2, step 6")
        .hasMessageContaining("the last good checkpoint is " + ck);
    assertThat(Files.readAllBytes(ck)).isEqualTo(saved[0]);
    assertThat(Checkpoint.load(ck).epoch()).isEqualTo(1);
  }

  @Test
  void generatorNanIsNamed() {
    // A discriminator update that blows up (its weights NaN after the step): the D loss of that
    // step was finite, the generator's loss on the updated D is not.
    Rng rng = new Rng(42);
    Gan gan = tiny(rng, 0);
    var adamD = new Adam(2e-3).create(gan.discriminator().parameters());
    Optimizer optD =
        new Optimizer() {
          public void step() {
            adamD.step();
            try (var off = Grad.disabled()) {
              gan.discriminator().namedParameters().get("2.bias").fill(Float.NaN);
            }
          }

          public void zeroGrad() {
            adamD.zeroGrad();
          }

          public double lr() {
            return adamD.lr();
          }

          public void setLr(double lr) {
            adamD.setLr(lr);
          }

          public List<Tensor> params() {
            return adamD.params();
          }

          public Map<String, Tensor> stateDict() {
            return adamD.stateDict();
          }

          public void loadStateDict(Map<String, Tensor> state) {
            adamD.loadStateDict(state);
          }
        };
    var optG = new Adam(1e-3).create(gan.generator().parameters());
    GanStep step = new GanStep(gan, GanLoss.NON_SATURATING, optD, optG, 1, 1, 0, rng.split());
    var loader = DataLoader.of(data(40), 8, true, false, 7);
    assertThatThrownBy(() -> new Trainer(gan, new TrainConfig(1, 8, 1)).fit(loader, step))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("the generator loss became NaN at generator step 1")
        .hasMessageContaining("at epoch 1, step 1");
  }

  @Test
  void wganGpStepTrainsWithoutNan() {
    Run r = run(new TrainConfig(3, 8, 1), GanLoss.WASSERSTEIN, 5, 1, 10, 0);
    List<Double> gp = new ArrayList<>();
    r.trainer()
        .listen(
            e -> {
              if (e instanceof TrainEvent.EpochEnded end) gp.add(end.metrics().get("gp"));
            });
    r.trainer().fit(r.loader(), r.step());
    assertThat(gp).hasSize(3).allSatisfy(v -> assertThat(v).isFinite().isNotNegative());
    assertThat(r.step().generatorSteps()).isEqualTo(3);
  }

  @Test
  void badSettingsAreRejected() {
    Rng rng = new Rng(1);
    Gan gan = tiny(rng, 0);
    var o = new Adam(1e-3).create(gan.parameters());
    assertThatThrownBy(() -> new GanStep(gan, GanLoss.WASSERSTEIN, o, o, 1, 0.9, 0, rng))
        .hasMessageContaining("label smoothing");
    assertThatThrownBy(() -> new GanStep(gan, GanLoss.MINIMAX, o, o, 0, 1, 0, rng))
        .hasMessageContaining("dSteps must be >= 1");
  }
}
