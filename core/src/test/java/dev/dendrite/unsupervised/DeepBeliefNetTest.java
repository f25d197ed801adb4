package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy pre-training, unrolling into an MLP, fine-tuning and sampling of a deep belief net. */
class DeepBeliefNetTest {
  static final int V = 16;
  static final ContrastiveDivergence.Config CD =
      ContrastiveDivergence.Config.pcd(0.1).withMomentum(0.5);

  /** Rows of four labelled 16-bit prototypes, each bit flipped with probability {@code flip}. */
  static Labeled prototypes(int rows, double flip, long seed) {
    Rng rng = new Rng(seed);
    float[][] proto = new float[4][V];
    for (int i = 0; i < V; i++) {
      proto[0][i] = i < 8 ? 1 : 0;
      proto[1][i] = i % 2;
      proto[2][i] = (i / 4) % 2;
      proto[3][i] = i % 4 == 0 ? 1 : 0;
    }
    float[] x = new float[rows * V];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = rng.nextInt(4);
      float[] p = proto[labels[r]];
      for (int i = 0; i < V; i++) x[r * V + i] = rng.nextFloat() < flip ? 1 - p[i] : p[i];
    }
    return new Labeled(Tensor.of(x, rows, V), labels, List.of("halves", "odd", "quads", "4th"));
  }

  /** A net whose RBMs have large, varied weights, so the comparison is not of near-zero values. */
  static DeepBeliefNet randomNet(long seed) {
    DeepBeliefNet dbn = new DeepBeliefNet(new int[] {V, 12, 8}, new Rng(seed));
    Rng rng = new Rng(seed + 1);
    try (var off = Grad.disabled()) {
      for (RBM rbm : dbn.layers()) {
        rbm.components().copyFrom(Tensor.randn(rng, rbm.hidden(), rbm.visible()));
        rbm.interceptHidden().copyFrom(Tensor.randn(rng, rbm.hidden()));
      }
    }
    return dbn;
  }

  @Test
  void theUnrolledMlpWithoutItsHeadIsTheMeanFieldUpPassBitForBit() {
    DeepBeliefNet dbn = randomNet(3);
    Sequential mlp = dbn.unroll(4, new Rng(9));
    List<Module> mods = mlp.layers();
    assertThat(mods).hasSize(5);
    assertThat(mods.get(1)).isInstanceOf(Sigmoid.class);
    assertThat(((Linear) mods.get(4)).outFeatures()).isEqualTo(4);
    // The same ops (matmul by the transposed weight, add the bias, sigmoid) on the same numbers.
    Sequential body = new Sequential(mods.subList(0, 4));
    Tensor x = prototypes(40, 0.1, 4).features();
    float[] mlpOut = body.forward(x).toArray();
    float[] up = dbn.upPass(x).toArray();
    assertThat(up).hasSize(40 * 8);
    assertThat(mlpOut).containsExactly(up);
    // The copies are the MLP's own: fine-tuning must leave the RBMs as they were.
    try (var off = Grad.disabled()) {
      ((Linear) mods.get(0)).weight().fill(0f);
    }
    assertThat(dbn.layers().get(0).components().abs().sum().item()).isGreaterThan(1f);
  }

  @Test
  void pretrainingThenFineTuningClassifiesHeldOutPrototypes() {
    Labeled train = prototypes(512, 0.1, 1), test = prototypes(256, 0.1, 2);
    Tensor val = prototypes(128, 0.1, 5).features();
    DeepBeliefNet dbn = new DeepBeliefNet(new int[] {V, 12, 8}, new Rng(7));
    double before = dbn.layers().get(0).reconstructionError(val);
    List<TrainEvent> events = new ArrayList<>();
    List<Trainer.Result> pre =
        dbn.pretrain(train.features(), val, CD, new TrainConfig(8, 16, 3), events::add);
    assertThat(pre).hasSize(2);
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.RunStarted)).hasSize(2);
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.EpochEnded)).hasSize(16);
    double after = pre.get(0).metrics().get("val_reconstruction_error");
    double after2 = pre.get(1).metrics().get("val_reconstruction_error");

    Sequential mlp = dbn.unroll(4, new Rng(8));
    var loss = new CrossEntropyLoss();
    new Trainer(mlp, loss, new Adam(0.01).create(mlp.parameters()), new TrainConfig(5, 16, 4))
        .fit(train, null);
    double acc = Trainer.evaluate(mlp, loss, test, 64).confusion().accuracy();
    System.out.printf(
        "layer 1 val reconstruction error %.4f -> %.4f, layer 2 %.4f; held-out accuracy %.4f%n",
        before, after, after2, acc);
    // An untrained RBM reconstructs every bit as about 0.5 (error 0.25); 10% of the bits are noise.
    assertThat(before).isGreaterThan(0.24);
    assertThat(after).isLessThan(0.15);
    assertThat(acc).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void aLayerListThatDoesNotFitTheDataIsAnErrorNamingBothSizes() {
    DeepBeliefNet dbn = new DeepBeliefNet(new int[] {12, 8, 4}, new Rng(1));
    Tensor x = prototypes(8, 0, 1).features();
    assertThatThrownBy(() -> dbn.pretrain(x, null, CD, new TrainConfig(1, 4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[12, 8, 4]")
        .hasMessageContaining("12 visible units")
        .hasMessageContaining("16 columns");
    assertThatThrownBy(() -> dbn.upPass(x)).hasMessageContaining("16 columns");
    assertThatThrownBy(() -> new DeepBeliefNet(new int[] {12}, new Rng(1)))
        .hasMessageContaining("[12]");
  }

  @Test
  void oneCheckpointFileForEveryLayerIsRefused() {
    DeepBeliefNet dbn = new DeepBeliefNet(new int[] {V, 4}, new Rng(1));
    Tensor x = prototypes(8, 0, 1).features();
    TrainConfig cfg = new TrainConfig(1, 4, 1).withCheckpoint(Path.of("dbn.ckpt"), 1);
    assertThatThrownBy(() -> dbn.pretrain(x, null, CD, cfg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dbn.ckpt");
    assertThat(Files.exists(Path.of("dbn.ckpt"))).isFalse();
  }

  @Test
  void samplesAreProbabilitiesOfTheVisibleShapeAndRepeatForASeed() {
    DeepBeliefNet dbn = randomNet(5);
    Tensor a = dbn.sample(6, 20, new Rng(11)), b = dbn.sample(6, 20, new Rng(11));
    Tensor c = dbn.sample(6, 20, new Rng(12));
    assertThat(a.shape()).containsExactly(6, V);
    assertThat(a.min().item()).isGreaterThanOrEqualTo(0f);
    assertThat(a.max().item()).isLessThanOrEqualTo(1f);
    assertThat(a.toArray()).containsExactly(b.toArray());
    assertThat(a.toArray()).isNotEqualTo(c.toArray());

    Tensor start = prototypes(5, 0.1, 6).features();
    Tensor d = dbn.sample(start, 3, new Rng(13)), e = dbn.sample(start, 3, new Rng(13));
    assertThat(d.shape()).containsExactly(5, V);
    assertThat(d.min().item()).isGreaterThanOrEqualTo(0f);
    assertThat(d.max().item()).isLessThanOrEqualTo(1f);
    assertThat(d.toArray()).containsExactly(e.toArray());
  }
}
