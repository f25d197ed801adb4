package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.DataLoader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An RBM trained through the one training loop, and resumed from its checkpoint. */
class RbmTrainingTest {
  static final int V = 16, H = 8, BATCH = 16;

  /** Rows of four 16-bit prototypes with each bit flipped with probability 0.05. */
  static Tensor patterns(int rows, long seed) {
    Rng rng = new Rng(seed);
    float[][] proto = new float[4][V];
    for (int i = 0; i < V; i++) {
      proto[0][i] = i < 8 ? 1 : 0;
      proto[1][i] = i % 2;
      proto[2][i] = (i / 4) % 2;
      proto[3][i] = i % 4 == 0 ? 1 : 0;
    }
    float[] x = new float[rows * V];
    for (int r = 0; r < rows; r++) {
      float[] p = proto[rng.nextInt(4)];
      for (int i = 0; i < V; i++) x[r * V + i] = rng.nextFloat() < 0.05f ? 1 - p[i] : p[i];
    }
    return Tensor.of(x, rows, V);
  }

  static DataLoader<DataLoader.Batch> loader(Tensor x) {
    return new DataLoader<>(
        x.size(0),
        BATCH,
        true,
        false,
        3,
        (rows, n) -> {
          Tensor r = DataLoader.indexTensor(rows);
          return new DataLoader.Batch(x.indexSelect(0, r), Tensor.zeros(rows.length));
        });
  }

  record Run(RBM rbm, Trainer.Result result, double initialPl) {}

  static final ContrastiveDivergence.Config CFG =
      ContrastiveDivergence.Config.pcd(0.1).withMomentum(0.5).withWeightDecay(1e-4);

  static Run train(int epochs, Path checkpoint, boolean resume, long initSeed) {
    Tensor x = patterns(256, 1), val = patterns(64, 2);
    RBM rbm = new RBM(V, H, new Rng(initSeed));
    var step = new ContrastiveDivergence(rbm, CFG, BATCH, new Rng(11));
    var validation = ContrastiveDivergence.validation(rbm, val, 5);
    double initial = validation.measure().get("val_pseudo_likelihood");
    TrainConfig cfg = new TrainConfig(epochs, BATCH, 3);
    if (checkpoint != null) cfg = cfg.withCheckpoint(checkpoint, 1);
    Trainer trainer = new Trainer(rbm, cfg).validate(validation);
    if (resume) trainer.resumeIfPresent(checkpoint);
    return new Run(rbm, trainer.fit(loader(x), step), initial);
  }

  static List<Float> flat(RBM m) {
    List<Float> all = new ArrayList<>();
    for (var t : m.stateDict().values()) for (float v : t.toArray()) all.add(v);
    return all;
  }

  @Test
  void persistentCdRaisesTheValidationPseudoLikelihood() {
    Run r = train(12, null, false, 1);
    Map<String, Double> m = r.result().metrics();
    double pl = m.get("val_pseudo_likelihood");
    System.out.printf(
        "val pseudo-likelihood %.4f -> %.4f, free energy %.4f, reconstruction error %.4f, loss"
            + " %.4f%n",
        r.initialPl(),
        pl,
        m.get("val_free_energy"),
        m.get("val_reconstruction_error"),
        m.get("loss"));
    // Four prototypes with 5% noise: an untrained RBM scores about 16·log σ(0) = −11.1.
    assertThat(pl).isGreaterThan(r.initialPl() + 4.0);
    assertThat(m.get("val_reconstruction_error")).isLessThan(0.1);
    assertThat(m).containsKeys("val_free_energy", "loss", "lr");
  }

  @Test
  void aRunResumedFromItsCheckpointEndsBitForBitAsTheStraightRun(@TempDir Path dir)
      throws Exception {
    Run straight = train(6, null, false, 1);
    Path ckpt = dir.resolve("rbm.ckpt");
    train(3, ckpt, false, 1);
    assertThat(Checkpoint.load(ckpt).model()).containsKey("h_samples_");
    Run resumed = train(6, ckpt, true, 42); // other initial weights: the checkpoint must win
    assertThat(flat(resumed.rbm())).containsExactlyElementsOf(flat(straight.rbm()));
    assertThat(resumed.result().metrics()).isEqualTo(straight.result().metrics());
  }

  @Test
  void dataOutsideTheUnitIntervalIsRefusedWithAHint() {
    RBM rbm = new RBM(3, 2, new Rng(1));
    var step =
        new ContrastiveDivergence(rbm, ContrastiveDivergence.Config.cd(1, 0.1), 2, new Rng(1));
    Tensor x = Tensor.of(new float[] {0, 1, 255, 0, 1, 0}, 2, 3);
    assertThatThrownBy(() -> step.run(new DataLoader.Batch(x, Tensor.zeros(2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255.0")
        .hasMessageContaining("scale");
  }

  @Test
  void fusedSamplingAndTheFusedStepEqualTheDrawsInTurnBitForBit() {
    // Enough elements for the sampling to be split over threads.
    Tensor p = Tensor.rand(new Rng(8), 70, 301);
    Rng fused = new Rng(9), inTurn = new Rng(9);
    float[] a = RBM.bernoulli(p, fused).toArray();
    float[] b = RBM.bernoulli(p, Tensor.rand(inTurn, 70, 301)).toArray();
    assertThat(a).containsExactly(b);
    assertThat(fused.state()).isEqualTo(inTurn.state());
    assertThat(fused.nextLong()).isEqualTo(inTurn.nextLong());
    // A PCD step through run() (fused draws) and through update() with the draws as tensors.
    Tensor x = patterns(BATCH, 4);
    RBM r1 = new RBM(V, H, new Rng(5)), r2 = new RBM(V, H, new Rng(5));
    Rng g1 = new Rng(6), g2 = new Rng(6);
    var s1 = new ContrastiveDivergence(r1, ContrastiveDivergence.Config.pcd(0.1), BATCH, g1);
    var s2 = new ContrastiveDivergence(r2, ContrastiveDivergence.Config.pcd(0.1), BATCH, g2);
    for (int i = 0; i < 3; i++) {
      s1.run(new DataLoader.Batch(x, null));
      s2.update(x, shape -> Tensor.rand(g2, shape));
    }
    assertThat(r1.components().toArray()).containsExactly(r2.components().toArray());
    assertThat(r1.persistentChain(BATCH).toArray())
        .containsExactly(r2.persistentChain(BATCH).toArray());
  }
}
