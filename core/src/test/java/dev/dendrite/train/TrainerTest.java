package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  static Labeled[] iris() {
    Labeled all = Iris.load();
    Labeled[] parts = all.split(0.8, 5);
    Tensor mean = parts[0].features().mean(0, true),
        std = parts[0].features().var(new int[] {0}, 0, true).sqrt();
    return new Labeled[] {
      new Labeled(parts[0].features().sub(mean).div(std), parts[0].labels(), all.classes()),
      new Labeled(parts[1].features().sub(mean).div(std), parts[1].labels(), all.classes())
    };
  }

  static Module mlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(4, 16, rng), new ReLU(), new Linear(16, 3, rng));
  }

  @Test
  void anMlpLearnsIrisAndTheEventsArriveInOrder() {
    Labeled[] d = iris();
    Module m = mlp(1);
    List<TrainEvent> events = new ArrayList<>();
    Trainer.Result r =
        new Trainer(
                m,
                new CrossEntropyLoss(),
                new Adam(0.01).create(m.parameters()),
                new TrainConfig(40, 16, 7))
            .listen(events::add)
            .fit(d[0], d[1]);
    assertThat(r.metrics().get("val_accuracy")).isGreaterThanOrEqualTo(0.9);
    assertThat(r.reason()).isEqualTo("completed");
    assertThat(events.get(0)).isInstanceOf(TrainEvent.RunStarted.class);
    assertThat(events.get(1)).isInstanceOf(TrainEvent.EpochStarted.class);
    assertThat(events.get(2)).isInstanceOf(TrainEvent.BatchEnded.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(TrainEvent.RunFinished.class);
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.BatchEnded).count())
        .isEqualTo(40 * 8); // 120 examples / 16
  }

  static float[] weights(Module m) {
    List<Float> all = new ArrayList<>();
    for (var p : m.parameters()) for (float v : p.toArray()) all.add(v);
    float[] f = new float[all.size()];
    for (int i = 0; i < f.length; i++) f[i] = all.get(i);
    return f;
  }

  @Test
  void theSameSeedGivesBitIdenticalWeights() {
    Labeled[] d = iris();
    float[][] w = new float[2][];
    for (int run = 0; run < 2; run++) {
      Module m = mlp(3);
      new Trainer(
              m,
              new CrossEntropyLoss(),
              new SGD(0.1).withMomentum(0.9).create(m.parameters()),
              new TrainConfig(5, 8, 11))
          .fit(d[0], d[1]);
      w[run] = weights(m);
    }
    assertThat(w[1]).containsExactly(w[0]);
  }

  /** Bit-identical even while the JIT moves kernels from the Vector API's Java fallback to C2. */
  @Test
  void wideLayersOnTwoThreadsRepeatBitForBit() {
    Rng data = new Rng(5);
    float[] labels = new float[640];
    for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
    Labeled d =
        new Labeled(
            Tensor.rand(data, 640, 784),
            java.util.stream.IntStream.range(0, 640).map(i -> i % 10).toArray(),
            java.util.stream.IntStream.range(0, 10).mapToObj(Integer::toString).toList());
    int before = dev.dendrite.tensor.Threads.get();
    dev.dendrite.tensor.Threads.set(2);
    try {
      float[][] w = new float[2][];
      for (int run = 0; run < 2; run++) {
        Rng rng = new Rng(8);
        Module m = new Sequential(new Linear(784, 96, rng), new ReLU(), new Linear(96, 10, rng));
        new Trainer(
                m,
                new CrossEntropyLoss(),
                new SGD(0.1).withMomentum(0.9).create(m.parameters()),
                new TrainConfig(2, 64, 3))
            .fit(d, null);
        w[run] = weights(m);
      }
      assertThat(w[1]).containsExactly(w[0]);
    } finally {
      dev.dendrite.tensor.Threads.set(before);
    }
  }

  @Test
  void aResumedRunEndsExactlyWhereAnUninterruptedOneDoes(@TempDir Path dir) throws Exception {
    // different initial weights for the resumed model: the checkpoint must overwrite them
    assertResumesExactly(dir, TrainerTest::mlp, 99);
  }

  @Test
  void aResumedRunWithDropoutDropsTheSameUnits(@TempDir Path dir) throws Exception {
    // A new process: the same seed builds the layers, so the dropout generator starts afresh.
    assertResumesExactly(dir, TrainerTest::dropoutMlp, 4);
  }

  /**
   * Trains 6 epochs straight, and 3 epochs with a checkpoint then a model built with {@code
   * resumedSeed} resumed to 6: both end with the same weights.
   */
  private static void assertResumesExactly(
      Path dir, java.util.function.LongFunction<Module> net, long resumedSeed) throws Exception {
    Labeled[] d = iris();
    Module straight = net.apply(4);
    new Trainer(
            straight,
            new CrossEntropyLoss(),
            new Adam(0.01).create(straight.parameters()),
            new TrainConfig(6, 16, 3))
        .fit(d[0], d[1]);

    Path ckpt = dir.resolve("run.ckpt");
    Module first = net.apply(4);
    new Trainer(
            first,
            new CrossEntropyLoss(),
            new Adam(0.01).create(first.parameters()),
            new TrainConfig(3, 16, 3).withCheckpoint(ckpt, 1))
        .fit(d[0], d[1]);
    Module resumed = net.apply(resumedSeed);
    new Trainer(
            resumed,
            new CrossEntropyLoss(),
            new Adam(0.01).create(resumed.parameters()),
            new TrainConfig(6, 16, 3))
        .resume(Checkpoint.load(ckpt))
        .fit(d[0], d[1]);
    assertThat(weights(resumed)).containsExactly(weights(straight));
  }

  static Module dropoutMlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(
        new Linear(4, 16, rng),
        new ReLU(),
        new dev.dendrite.nn.regularization.Dropout(0.3f, new Rng(seed + 1)),
        new Linear(16, 3, rng));
  }

  @Test
  void aDivergingRunStopsAndNamesTheStep(@TempDir Path dir) {
    Labeled[] d = iris();
    Module m = mlp(1);
    Trainer t =
        new Trainer(
            m,
            new CrossEntropyLoss(),
            new SGD(1e6).create(m.parameters()),
            new TrainConfig(50, 16, 1).withCheckpoint(dir.resolve("c"), 1));
    assertThatThrownBy(() -> t.fit(d[0], d[1]))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("step")
        .hasMessageContaining("learning rate");
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestWeights() {
    Labeled[] d = iris();
    Module m = mlp(2);
    List<Double> valLoss = new ArrayList<>();
    Trainer.Result r =
        new Trainer(
                m,
                new CrossEntropyLoss(),
                new SGD(0.5).withMomentum(0.9).create(m.parameters()),
                new TrainConfig(300, 4, 1)
                    .withEarlyStopping(new EarlyStopping("val_loss", true, 3, 0, true)))
            .listen(
                e -> {
                  if (e instanceof TrainEvent.EpochEnded en)
                    valLoss.add(en.metrics().get("val_loss"));
                })
            .fit(d[0], d[1]);
    assertThat(r.reason()).startsWith("early stop");
    assertThat(r.epochs()).isLessThan(300);
    double best = valLoss.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double restored = Trainer.evaluate(m, new CrossEntropyLoss(), d[1], 64).loss();
    assertThat(restored).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-5));
  }
}
