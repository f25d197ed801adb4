package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.data.Labeled;
import dev.dendrite.data.WeightedRandomSampler;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampledTrainingTest {
  private static List<float[]> weights(Module m) {
    List<float[]> w = new ArrayList<>();
    for (Tensor p : m.parameters()) w.add(p.toArray());
    return w;
  }

  private static Trainer trainer(Module m, int epochs, Labeled train, Path ckpt) {
    TrainConfig cfg = new TrainConfig(epochs, 16, 3);
    if (ckpt != null) cfg = cfg.withCheckpoint(ckpt, 1);
    return new Trainer(m, new CrossEntropyLoss(), new Adam(0.01).create(m.parameters()), cfg)
        .sample(WeightedRandomSampler.balanced(train.labels(), 3));
  }

  @Test
  void aResumedSampledRunIsBitForBitTheUninterruptedOne(@TempDir Path dir) throws Exception {
    Labeled[] d = TrainerTest.iris();
    Module straight = TrainerTest.mlp(4);
    trainer(straight, 6, d[0], null).fit(d[0], d[1]);
    Path ckpt = dir.resolve("run.ckpt");
    Module first = TrainerTest.mlp(4);
    trainer(first, 3, d[0], ckpt).fit(d[0], d[1]);
    Module resumed = TrainerTest.mlp(77);
    trainer(resumed, 6, d[0], null).resume(Checkpoint.load(ckpt)).fit(d[0], d[1]);
    List<float[]> a = weights(straight), b = weights(resumed);
    for (int i = 0; i < a.size(); i++) assertThat(b.get(i)).containsExactly(a.get(i));
    // and the sampler changed the run: a shuffled run ends elsewhere
    Module shuffled = TrainerTest.mlp(4);
    new Trainer(
            shuffled,
            new CrossEntropyLoss(),
            new Adam(0.01).create(shuffled.parameters()),
            new TrainConfig(6, 16, 3))
        .fit(d[0], d[1]);
    assertThat(weights(shuffled).get(0)).isNotEqualTo(a.get(0));
  }
}
