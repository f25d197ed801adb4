package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.ReduceLROnPlateau;
import dev.dendrite.optim.SGD;
import dev.dendrite.optim.Schedules;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.callbacks.LROnPlateau;
import dev.dendrite.train.callbacks.LRScheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one loop with batches, steps, metrics and listeners that are not a classifier's. */
class TrainLoopTest {
  /** y = sin(3x) on [-1, 1]: 64 points. */
  static final Tensor X, Y;

  static {
    float[] x = new float[64], y = new float[64];
    for (int i = 0; i < 64; i++) {
      x[i] = -1 + 2f * i / 63;
      y[i] = (float) Math.sin(3 * x[i]);
    }
    X = Tensor.wrap(x, 64, 1);
    Y = Tensor.wrap(y, 64, 1);
  }

  static DataLoader<DataLoader.Batch> loader(long seed) {
    return new DataLoader<>(
        64,
        8,
        true,
        false,
        seed,
        (rows, n) -> {
          Tensor r = DataLoader.indexTensor(rows);
          return new DataLoader.Batch(X.indexSelect(0, r), Y.indexSelect(0, r));
        });
  }

  static Module net(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(1, 16, rng), new Tanh(), new Linear(16, 1, rng));
  }

  static float[] flat(Module m) {
    return TrainerTest.weights(m);
  }

  @Test
  void aRegressionTrainsThroughTheGenericLoopAndReportsItsMetrics() {
    Module m = net(1);
    List<TrainEvent.EpochEnded> epochs = new ArrayList<>();
    Trainer.Result r =
        new Trainer(m, new TrainConfig(150, 8, 0))
            .metrics(Metric.loss(), Metric.mae())
            .listen(
                e -> {
                  if (e instanceof TrainEvent.EpochEnded en) epochs.add(en);
                })
            .fit(
                loader(2),
                new Supervised(m::forward, new MSELoss(), new Adam(0.01).create(m.parameters())));
    assertThat(epochs).hasSize(150);
    assertThat(r.metrics().keySet()).containsExactly("loss", "mae", "lr");
    assertThat(epochs.getFirst().metrics().get("loss")).isGreaterThan(0.1);
    assertThat(r.metrics().get("loss")).isLessThan(0.01); // sin(3x) fitted to within ~0.1
    // mae is the mean |output − target| of the epoch's batches, so it is at most the RMS error
    assertThat(r.metrics().get("mae"))
        .isLessThanOrEqualTo(Math.sqrt(r.metrics().get("loss")) + 1e-9);
  }

  @Test
  void theMetricsComputeWhatTheirNamesSay() {
    Metric acc = Metric.accuracy(),
        mae = Metric.mae(),
        bits = Metric.bitsPerChar(),
        loss = Metric.loss();
    for (Metric x : List.of(acc, mae, bits, loss)) x.reset();
    Tensor logits = Tensor.of(new float[][] {{2, 1}, {0, 3}, {5, 4}}),
        target = Tensor.of(new float[] {0, 1, 1});
    var a = new TrainStep.Outcome(Math.log(2), 3, logits, target);
    var b =
        new TrainStep.Outcome(
            3 * Math.log(2), 1, Tensor.of(new float[][] {{1, 0}}), Tensor.of(new float[] {0}));
    for (Metric x : List.of(acc, bits, loss)) {
      x.update(a);
      x.update(b);
    }
    assertThat(acc.value()).isEqualTo(3.0 / 4);
    assertThat(loss.value()).isCloseTo((3 * Math.log(2) + 3 * Math.log(2)) / 4, within(1e-12));
    assertThat(bits.value()).isCloseTo(1.5, within(1e-12));
    mae.update(
        new TrainStep.Outcome(
            0, 2, Tensor.of(new float[] {1, 2, 3, 4}), Tensor.of(new float[] {1, 0, 3, 8})));
    assertThat(mae.value()).isCloseTo(6.0 / 4, within(1e-12));
  }

  @Test
  void aPerStepScheduleSetsTheRateBeforeEveryStep() {
    Module m = net(1);
    Optimizer opt = new SGD(0.1).create(m.parameters());
    Schedules.Schedule warm = Schedules.constant(0.1).afterWarmup(10, 0.1);
    List<Double> seen = new ArrayList<>();
    // The rate a step used is the optimizer's rate when BatchEnded arrives, before the scheduler
    // moves it on.
    new Trainer(m, new TrainConfig(2, 8, 0))
        .listen(
            e -> {
              if (e instanceof TrainEvent.BatchEnded) seen.add(opt.lr());
            })
        .listen(LRScheduler.perStep(opt, warm))
        .fit(loader(1), new Supervised(m::forward, new MSELoss(), opt));
    assertThat(seen).hasSize(16);
    for (int s = 0; s < 16; s++) assertThat(seen.get(s)).isCloseTo(warm.lr(s), within(1e-15));
    assertThat(seen.get(0)).isCloseTo(0.01, within(1e-15));
  }

  @Test
  void aListenerCanStopTheRun() {
    Module m = net(1);
    Trainer t = new Trainer(m, new TrainConfig(50, 8, 0));
    t.listen(
        e -> {
          if (e instanceof TrainEvent.BatchEnded b && b.step() == 20) t.stop("enough: 20 steps");
        });
    List<TrainEvent> events = new ArrayList<>();
    Trainer.Result r =
        t.listen(events::add)
            .fit(
                loader(1),
                new Supervised(m::forward, new MSELoss(), new SGD(0.1).create(m.parameters())));
    assertThat(r.reason()).isEqualTo("enough: 20 steps");
    assertThat(r.epochs()).isEqualTo(3); // 8 steps an epoch: the 20th is in the third
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.BatchEnded).count())
        .isEqualTo(20);
    assertThat(events.getLast()).isInstanceOf(TrainEvent.RunFinished.class);
  }

  @Test
  void reduceOnPlateauActsThroughTheStreamAndResumesWhereItWas(@TempDir Path dir) throws Exception {
    // A plateau of patience 0 on the training loss with a large rate: the rate falls during the
    // run.
    record Run(Module m, Optimizer opt, List<Double> lrs) {}
    java.util.function.Supplier<Run> run =
        () -> {
          Module m = net(3);
          return new Run(m, new SGD(0.2).create(m.parameters()), new ArrayList<>());
        };
    Run straight = run.get();
    new Trainer(straight.m(), new TrainConfig(12, 8, 0))
        .listen(
            new LROnPlateau(new ReduceLROnPlateau(straight.opt(), true, 0.5, 0, 0.2, 0, 0), "loss"))
        .listen(
            e -> {
              if (e instanceof TrainEvent.EpochEnded en) straight.lrs().add(en.metrics().get("lr"));
            })
        .fit(loader(5), new Supervised(straight.m()::forward, new MSELoss(), straight.opt()));
    assertThat(straight.lrs().getLast()).isLessThan(0.2);

    Path ckpt = dir.resolve("run.ckpt");
    Run first = run.get();
    new Trainer(first.m(), new TrainConfig(5, 8, 0).withCheckpoint(ckpt, 1))
        .listen(
            new LROnPlateau(new ReduceLROnPlateau(first.opt(), true, 0.5, 0, 0.2, 0, 0), "loss"))
        .fit(loader(5), new Supervised(first.m()::forward, new MSELoss(), first.opt()));
    Checkpoint c = Checkpoint.load(ckpt);
    assertThat(c.extra()).containsKeys("plateau.loss.best", "plateau.loss.bad");
    Module other = net(77);
    Optimizer opt = new SGD(0.2).create(other.parameters());
    List<Double> lrs = new ArrayList<>();
    new Trainer(other, new TrainConfig(12, 8, 0))
        .listen(new LROnPlateau(new ReduceLROnPlateau(opt, true, 0.5, 0, 0.2, 0, 0), "loss"))
        .listen(
            e -> {
              if (e instanceof TrainEvent.EpochEnded en) lrs.add(en.metrics().get("lr"));
            })
        .resume(c)
        .fit(loader(5), new Supervised(other::forward, new MSELoss(), opt));
    assertThat(lrs).containsExactlyElementsOf(straight.lrs().subList(5, 12));
    assertThat(flat(other)).containsExactly(flat(straight.m()));
  }

  /**
   * Two networks, two optimizers, one step: the shape of a GAN's step, checkpointed and resumed.
   */
  @Test
  void aStepWithTwoOptimizersResumesBitForBit(@TempDir Path dir) throws Exception {
    record Pair(Sequential both, Module a, Module b, Optimizer oa, Optimizer ob)
        implements TrainStep<DataLoader.Batch> {
      static Pair make(long seed) {
        Module a = net(seed), b = net(seed + 1);
        return new Pair(
            new Sequential(a, b),
            a,
            b,
            new Adam(0.01).create(a.parameters()),
            new SGD(0.05).withMomentum(0.9).create(b.parameters()));
      }

      @Override
      public Outcome run(DataLoader.Batch batch) {
        Tensor la = new MSELoss().apply(a.forward(batch.features()), batch.target());
        la.backward();
        oa.step();
        oa.zeroGrad();
        Tensor lb = new MSELoss().apply(b.forward(batch.features()), batch.target().neg());
        lb.backward();
        ob.step();
        ob.zeroGrad();
        return new Outcome(la.item() + lb.item(), batch.size(), null, null);
      }

      @Override
      public List<Optimizer> optimizers() {
        return List.of(oa, ob);
      }
    }
    Pair straight = Pair.make(1);
    new Trainer(straight.both(), new TrainConfig(6, 8, 0)).fit(loader(9), straight);
    Path ckpt = dir.resolve("pair.ckpt");
    Pair first = Pair.make(1);
    new Trainer(first.both(), new TrainConfig(3, 8, 0).withCheckpoint(ckpt, 1))
        .fit(loader(9), first);
    Checkpoint c = Checkpoint.load(ckpt);
    assertThat(c.optimizer().keySet())
        .anyMatch(k -> k.startsWith("0."))
        .anyMatch(k -> k.startsWith("1."));
    Pair resumed = Pair.make(50);
    new Trainer(resumed.both(), new TrainConfig(6, 8, 0)).resume(c).fit(loader(9), resumed);
    assertThat(flat(resumed.both())).containsExactly(flat(straight.both()));
  }

  @Test
  void aDivergingStepIsReportedWithItsEpochAndStep() {
    Module m = net(1);
    TrainStep<DataLoader.Batch> bad =
        new TrainStep<>() {
          int calls;

          @Override
          public Outcome run(DataLoader.Batch b) {
            if (++calls == 11) throw new Trainer.Diverged("the loss became NaN");
            return new Outcome(1, b.size(), null, null);
          }

          @Override
          public List<Optimizer> optimizers() {
            return List.of();
          }
        };
    assertThatThrownBy(() -> new Trainer(m, new TrainConfig(3, 8, 0)).fit(loader(1), bad))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("at epoch 2, step 11");
  }

  @Test
  void aLoaderRestoredFromItsPositionServesTheSameBatches() {
    DataLoader<DataLoader.Batch> a = loader(4);
    for (var b : a) b.size(); // one pass
    DataLoader<DataLoader.Batch> b = loader(99);
    b.restore(a.rngState(), a.served());
    List<float[]> fromA = new ArrayList<>(), fromB = new ArrayList<>();
    for (var x : a) fromA.add(x.features().toArray());
    for (var x : b) fromB.add(x.features().toArray());
    for (int i = 0; i < fromA.size(); i++) assertThat(fromB.get(i)).containsExactly(fromA.get(i));
    assertThat(Map.of("served", b.served())).containsEntry("served", 16L);
  }
}
