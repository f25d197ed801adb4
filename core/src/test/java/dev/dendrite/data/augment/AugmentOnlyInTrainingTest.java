package dev.dendrite.data.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentOnlyInTrainingTest {
  /** 2×3 images with distinct pixels, so a mirrored row is never an original row. */
  private static Labeled data(int n, long seed) {
    Tensor x = Tensor.rand(new Rng(seed), n, 6);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % 2;
    return new Labeled(x, y, List.of("a", "b"));
  }

  private static String key(float[] row) {
    return Arrays.toString(row);
  }

  private static float[] mirrored(float[] row) {
    float[] m = row.clone();
    Flip.mirror(m, 0, 1, 2, 3);
    return m;
  }

  /** A linear classifier that remembers every input row it saw, and in which mode. */
  private static final class Recorder extends Module {
    final Linear inner = new Linear(6, 2, new Rng(1));
    final List<float[]> train = new ArrayList<>(), eval = new ArrayList<>();

    @Override
    public Tensor forward(Tensor x) {
      float[] a = x.toArray();
      for (int i = 0; i < x.size(0); i++)
        (isTraining() ? train : eval).add(Arrays.copyOfRange(a, 6 * i, 6 * i + 6));
      return inner.forward(x);
    }

    @Override
    public Map<String, Module> children() {
      return Map.of("inner", inner);
    }
  }

  @Test
  void theTrainerAugmentsTrainingBatchesAndLeavesValidationAlone() {
    Labeled train = data(24, 1), val = data(10, 2);
    Recorder m = new Recorder();
    List<Parameter> params = m.parameters();
    new Trainer(m, new CrossEntropyLoss(), new SGD(0.1).create(params), new TrainConfig(2, 8, 3))
        .augment(new Augmenter(List.of(new Flip(1)), 1, 2, 3))
        .fit(train, val);
    Set<String> originals = new HashSet<>(), flipped = new HashSet<>();
    float[] a = train.features().toArray();
    for (int i = 0; i < 24; i++) {
      float[] row = Arrays.copyOfRange(a, 6 * i, 6 * i + 6);
      originals.add(key(row));
      flipped.add(key(mirrored(row)));
    }
    assertThat(m.train).hasSize(48);
    for (float[] r : m.train) assertThat(flipped).contains(key(r));
    for (float[] r : m.train) assertThat(originals).doesNotContain(key(r));
    float[] v = val.features().toArray();
    assertThat(m.eval).hasSize(20); // one validation pass per epoch, untouched
    for (int i = 0; i < 20; i++)
      assertThat(m.eval.get(i))
          .containsExactly(Arrays.copyOfRange(v, 6 * (i % 10), 6 * (i % 10) + 6));
  }

  @Test
  void theAugmentedLoaderFlipsEveryBatchAndRepeatsForASeed() {
    Labeled d = data(12, 4);
    Augmenter flip = new Augmenter(List.of(new Flip(1)), 1, 2, 3);
    List<float[]> plain = new ArrayList<>(), aug = new ArrayList<>(), again = new ArrayList<>();
    for (DataLoader.Batch b : DataLoader.of(d, 5, true, false, 7))
      plain.add(b.features().toArray());
    for (DataLoader.Batch b : DataLoader.of(d, 5, true, false, 7, flip))
      aug.add(b.features().toArray());
    for (DataLoader.Batch b : DataLoader.of(d, 5, true, false, 7, flip))
      again.add(b.features().toArray());
    assertThat(aug).hasSize(3);
    for (int i = 0; i < 3; i++) {
      float[] p = plain.get(i), f = aug.get(i);
      for (int r = 0; r < p.length / 6; r++)
        assertThat(Arrays.copyOfRange(f, 6 * r, 6 * r + 6))
            .containsExactly(mirrored(Arrays.copyOfRange(p, 6 * r, 6 * r + 6)));
      assertThat(again.get(i)).containsExactly(f);
    }
    Augmenter noisy = Augmenter.parse("noise:0.1", 1, 2, 3);
    DataLoader<DataLoader.Batch> l = DataLoader.of(d, 12, false, false, 7, noisy);
    float[] first = l.iterator().next().features().toArray(),
        second = l.iterator().next().features().toArray();
    assertThat(second).isNotEqualTo(first); // a new draw on every pass
  }

  @Test
  void aResumedRunSeesTheSameAugmentedBatches(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    Labeled train = data(40, 6);
    Augmenter aug = Augmenter.parse("noise:0.2,cutout:2,flip", 1, 2, 3);
    Module straight = new Linear(6, 2, new Rng(9));
    new Trainer(
            straight,
            new CrossEntropyLoss(),
            new SGD(0.1).create(straight.parameters()),
            new TrainConfig(3, 8, 4))
        .augment(aug)
        .fit(train, null);
    java.nio.file.Path ckpt = dir.resolve("run.ckpt");
    Module first = new Linear(6, 2, new Rng(9));
    new Trainer(
            first,
            new CrossEntropyLoss(),
            new SGD(0.1).create(first.parameters()),
            new TrainConfig(1, 8, 4).withCheckpoint(ckpt, 1))
        .augment(aug)
        .fit(train, null);
    Module resumed = new Linear(6, 2, new Rng(0));
    new Trainer(
            resumed,
            new CrossEntropyLoss(),
            new SGD(0.1).create(resumed.parameters()),
            new TrainConfig(3, 8, 4))
        .augment(aug)
        .resume(dev.dendrite.train.Checkpoint.load(ckpt))
        .fit(train, null);
    for (var e : straight.stateDict().entrySet())
      assertThat(resumed.stateDict().get(e.getKey()).toArray())
          .containsExactly(e.getValue().toArray());
    Module plain = new Linear(6, 2, new Rng(9));
    new Trainer(
            plain,
            new CrossEntropyLoss(),
            new SGD(0.1).create(plain.parameters()),
            new TrainConfig(3, 8, 4))
        .fit(train, null);
    assertThat(plain.stateDict().get("weight").toArray())
        .isNotEqualTo(straight.stateDict().get("weight").toArray());
  }
}
