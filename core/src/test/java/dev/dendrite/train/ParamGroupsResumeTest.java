package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.ParamGroups;
import dev.dendrite.optim.SGD;
import dev.dendrite.optim.Schedules;
import dev.dendrite.tensor.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two parameter groups, a frozen layer and a schedule through the Trainer: a run resumed from its
 * checkpoint ends bit for bit where an uninterrupted one does, and the frozen layer never moves.
 */
class ParamGroupsResumeTest {
  static Sequential net(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(
        new Linear(4, 16, rng),
        new ReLU(),
        new Linear(16, 16, rng),
        new ReLU(),
        new Linear(16, 3, rng));
  }

  static Optimizer groups(Sequential m) {
    m.freeze("0.*");
    return ParamGroups.of(
        new SGD(0.01)
            .withMomentum(0.9)
            .withWeightDecay(1e-3)
            .create(m.layers().get(2).parameters()),
        new Adam(0.02).create(m.layers().get(4).parameters()));
  }

  static TrainConfig cfg(int epochs) {
    return new TrainConfig(epochs, 16, 3).withSchedule(Schedules.exponential(0.01, 0.8));
  }

  @Test
  void resumeIsExactAndFrozenWeightsStay(@TempDir Path dir) throws Exception {
    Labeled[] d = TrainerTest.iris();
    Sequential straight = net(4);
    float[] frozen = straight.layers().get(0).parameters().get(0).toArray();
    Optimizer so = groups(straight);
    new Trainer(straight, new CrossEntropyLoss(), so, cfg(6)).fit(d[0], d[1]);
    assertThat(straight.layers().get(0).parameters().get(0).toArray()).containsExactly(frozen);
    // The schedule drove group 0; group 1 kept its 2x ratio.
    double lr0 = ((ParamGroups) so).groups().get(0).lr(),
        lr1 = ((ParamGroups) so).groups().get(1).lr();
    assertThat(lr0).isLessThan(0.01);
    assertThat(lr1 / lr0).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));

    Path ckpt = dir.resolve("run.ckpt");
    Sequential first = net(4);
    new Trainer(first, new CrossEntropyLoss(), groups(first), cfg(3).withCheckpoint(ckpt, 1))
        .fit(d[0], d[1]);
    Sequential resumed = net(4);
    Module r = resumed;
    new Trainer(r, new CrossEntropyLoss(), groups(resumed), cfg(6))
        .resume(Checkpoint.load(ckpt))
        .fit(d[0], d[1]);
    assertThat(TrainerTest.weights(resumed)).containsExactly(TrainerTest.weights(straight));
  }
}
