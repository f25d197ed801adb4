package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Metric;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dense, tied, sparse and denoising autoencoders, and their training through the one loop. */
class AutoencoderTest {
  static final int V = 16;

  /** Rows σ(A·u) with u ~ N(0, 1)³ and a fixed A (16, 3): data on a 3-dimensional manifold. */
  static Tensor manifold(int rows, long seed) {
    Tensor a = Tensor.randn(new Rng(99), 3, V).mul(1.5f);
    return Tensor.randn(new Rng(seed), rows, 3).matmul(a).sigmoid();
  }

  static double mse(Tensor a, Tensor b) {
    try (var off = Grad.disabled()) {
      return a.sub(b).square().mean().item();
    }
  }

  // --- (a) gradients ---

  @Test
  void reconstructionPlusSparsityGradientsMatchFiniteDifferences() {
    for (boolean tied : new boolean[] {false, true}) {
      Autoencoder ae =
          new Autoencoder(new int[] {6, 4, 3, 4, 6}, Autoencoder.Hidden.SIGMOID, tied, new Rng(3));
      Tensor x = Tensor.rand(new Rng(4), 5, 6);
      SparsityPenalty kl = new SparsityPenalty(0.2, 0.5);
      AutoencoderStep step = new AutoencoderStep(ae, new MSELoss(), kl, null);
      List<Parameter> ps = ae.parameters();
      assertThat(ps).hasSize(tied ? 6 : 8);
      GradCheck.Result r =
          GradCheck.check(
              GradCheck.Options.defaults().withTolerance(2e-3, 2e-2),
              in -> step.objective(x, x),
              ps.toArray(new Tensor[0]));
      assertThat(r.passed()).as(tied + ": " + r.failure()).isTrue();
      assertThat(r.checked())
          .isEqualTo(tied ? 6 * 4 + 4 * 3 + 4 + 3 + 4 + 6 : 2 * 6 * 4 + 2 * 4 * 3 + 4 + 3 + 4 + 6);
    }
  }

  @Test
  void reluHiddenGradientsMatchFiniteDifferences() {
    // ReLU codes leave (0, 1), where the KL penalty is undefined: reconstruction loss only.
    Autoencoder ae =
        new Autoencoder(new int[] {6, 5, 6}, Autoencoder.Hidden.RELU, true, new Rng(12));
    Tensor x = Tensor.rand(new Rng(13), 4, 6);
    AutoencoderStep step = new AutoencoderStep(ae, new BCELoss(), null);
    GradCheck.Result r =
        GradCheck.check(
            GradCheck.Options.defaults().withTolerance(2e-3, 2e-2),
            in -> step.objective(x, x),
            ae.parameters().toArray(new Tensor[0]));
    assertThat(r.passed()).as(r.failure()).isTrue();
    assertThat(r.checked()).isEqualTo(6 * 5 + 5 + 6);
  }

  @Test
  void badConfigurationsAreRefusedAndTheSummaryAddsUp() {
    Rng rng = new Rng(1);
    assertThatThrownBy(
            () -> new Autoencoder(new int[] {8, 4}, Autoencoder.Hidden.SIGMOID, false, rng))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd count");
    assertThatThrownBy(
            () -> new Autoencoder(new int[] {8, 4, 2, 3, 8}, Autoencoder.Hidden.SIGMOID, true, rng))
        .hasMessageContaining("mirrored");
    Autoencoder relu = new Autoencoder(new int[] {8, 4, 8}, Autoencoder.Hidden.RELU, false, rng);
    assertThatThrownBy(
            () -> new AutoencoderStep(relu, new MSELoss(), new SparsityPenalty(0.1, 1), null))
        .hasMessageContaining("sigmoid");
    Autoencoder ae =
        new Autoencoder(new int[] {784, 256, 64, 256, 784}, Autoencoder.Hidden.RELU, true, rng);
    // Two shared weights and four biases.
    assertThat(ae.parameterCount()).isEqualTo(784 * 256 + 256 * 64 + 256 + 64 + 256 + 784);
    assertThat(ae.encode(Tensor.zeros(2, 784)).shape()).containsExactly(2, 64);
    assertThat(ae.forward(Tensor.zeros(2, 784)).shape()).containsExactly(2, 784);
    assertThat(ae.summary(2, 784)).contains("784");
  }

  // --- (b) the KL term ---

  @Test
  void sparsityPenaltyEqualsItsClosedForm() {
    float[] h = {0.1f, 0.7f, 0.3f, 0.05f, 0.5f, 0.9f, 0.2f, 0.15f, 0.3f, 0.8f, 0.4f, 0.1f};
    double rho = 0.1, beta = 3;
    double expected = 0;
    for (int j = 0; j < 4; j++) {
      double m = (h[j] + h[4 + j] + h[8 + j]) / 3.0; // (0.3, 0.8, 0.3, 0.1)
      expected += rho * Math.log(rho / m) + (1 - rho) * Math.log((1 - rho) / (1 - m));
    }
    expected *= beta;
    double got = new SparsityPenalty(rho, beta).apply(Tensor.of(h, 3, 4)).item();
    assertThat(expected)
        .isCloseTo(
            3 * 1.37837, // 2·0.11632 + 1.14573 + 0
            offset(0.01));
    assertThat(got).isCloseTo(expected, offset(1e-5 * expected));
    // At ρ̂ = ρ everywhere the divergence vanishes.
    assertThat(new SparsityPenalty(0.25, 2).apply(Tensor.full(0.25f, 4, 3)).item())
        .isCloseTo(0f, offset(1e-6f));
    assertThatThrownBy(() -> new SparsityPenalty(1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- (c) tied weights ---

  @Test
  void tiedDecoderIsTheEncoderTransposedAndOneWeightIsSaved() {
    int[] sizes = {6, 4, 3, 4, 6};
    Autoencoder tied = new Autoencoder(sizes, Autoencoder.Hidden.SIGMOID, true, new Rng(5));
    assertThat(tied.stateDict().keySet())
        .containsExactly(
            "encoder.0.weight",
            "encoder.0.bias",
            "encoder.2.weight",
            "encoder.2.bias",
            "decoder.0.bias",
            "decoder.2.bias");
    Autoencoder free = new Autoencoder(sizes, Autoencoder.Hidden.SIGMOID, false, new Rng(5));
    assertThat(free.stateDict().keySet())
        .containsExactly(
            "encoder.0.weight",
            "encoder.0.bias",
            "encoder.2.weight",
            "encoder.2.bias",
            "decoder.0.weight",
            "decoder.0.bias",
            "decoder.2.weight",
            "decoder.2.bias");
    // Decoder layer k mirrors encoder layer 1 − k.
    assertThat(tied.decoderWeight(0).shape()).containsExactly(4, 3);
    assertThat(tied.decoderWeight(0).toArray())
        .containsExactly(tied.encoderWeight(1).t().toArray());
    assertThat(tied.decoderWeight(1).toArray())
        .containsExactly(tied.encoderWeight(0).t().toArray());

    // The untied twin with the same weights: the tied gradient is the encoder's plus the
    // decoder's transposed, and one SGD step moves the weight and its view together.
    try (var off = Grad.disabled()) {
      free.encoderWeight(0).copyFrom(tied.encoderWeight(0));
      free.encoderWeight(1).copyFrom(tied.encoderWeight(1));
      ((Parameter) free.decoderWeight(0)).copyFrom(tied.decoderWeight(0));
      ((Parameter) free.decoderWeight(1)).copyFrom(tied.decoderWeight(1));
      for (String b :
          List.of("encoder.0.bias", "encoder.2.bias", "decoder.0.bias", "decoder.2.bias"))
        free.namedParameters().get(b).copyFrom(tied.namedParameters().get(b));
    }
    Tensor x = Tensor.rand(new Rng(6), 8, 6);
    assertThat(tied.forward(x).toArray()).containsExactly(free.forward(x).toArray());
    new MSELoss().apply(tied.forward(x), x).backward();
    new MSELoss().apply(free.forward(x), x).backward();
    float[] expected = free.encoderWeight(0).grad().add(free.decoderWeight(1).grad().t()).toArray();
    float[] got = tied.encoderWeight(0).grad().toArray();
    for (int i = 0; i < got.length; i++) assertThat(got[i]).isCloseTo(expected[i], offset(1e-6f));
    assertThat(free.decoderWeight(1).grad().t().abs().sum().item()).isGreaterThan(1e-3f);

    float[] before = tied.encoderWeight(0).toArray();
    Optimizer sgd = new SGD(0.5).create(tied.parameters());
    sgd.step();
    float[] after = tied.encoderWeight(0).toArray(), view = tied.decoderWeight(1).t().toArray();
    assertThat(view).containsExactly(after);
    for (int i = 0; i < after.length; i++)
      assertThat(after[i]).isCloseTo(before[i] - 0.5f * got[i], offset(1e-6f));
  }

  // --- (d) training ---

  @Test
  void trainingThroughTheLoopLowersTheValidationError() {
    Tensor train = manifold(512, 1), val = manifold(128, 2);
    Autoencoder ae =
        new Autoencoder(new int[] {V, 8, V}, Autoencoder.Hidden.SIGMOID, false, new Rng(7));
    double before = mse(ae.forward(val), val);
    double meanBaseline = mse(val.mean(0, true).expand(128, V), val);
    Optimizer opt = new Adam(0.02).create(ae.parameters());
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(
            512,
            32,
            true,
            false,
            11,
            (rows, n) -> {
              Tensor r = train.indexSelect(0, DataLoader.indexTensor(rows));
              return new DataLoader.Batch(r, r);
            });
    Trainer.Result r =
        new Trainer(ae, new TrainConfig(40, 32, 11))
            .metrics(Metric.loss())
            .validate(
                () -> {
                  try (var off = Grad.disabled()) {
                    return Map.of("val_mse", mse(ae.forward(val), val));
                  }
                })
            .fit(batches, new AutoencoderStep(ae, new MSELoss(), opt));
    double after = r.metrics().get("val_mse");
    // Seen: 0.113 untrained, 0.0988 for the mean row, 0.0021 after 40 epochs.
    assertThat(before).isGreaterThan(meanBaseline);
    assertThat(after).isLessThan(0.1 * meanBaseline);
  }

  @Test
  void denoisingReconstructsBetterThanTheCorruptedInput() {
    Tensor train = manifold(512, 1), val = manifold(256, 2);
    Autoencoder ae =
        new Autoencoder(new int[] {V, 8, V}, Autoencoder.Hidden.SIGMOID, true, new Rng(7));
    Corruption mask = Corruption.masking(0.25);
    Optimizer opt = new Adam(0.02).create(ae.parameters());
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(512, 32, true, false, 12, Corruption.denoising(train, mask, 12));
    new Trainer(ae, new TrainConfig(40, 32, 12))
        .metrics(Metric.loss())
        .fit(batches, new AutoencoderStep(ae, new MSELoss(), opt));
    Tensor corrupted = mask.apply(val, new Rng(13));
    double identity = mse(corrupted, val);
    double denoised;
    try (var off = Grad.disabled()) {
      denoised = mse(ae.forward(corrupted), val);
    }
    // Seen: 0.093 for the corrupted input, 0.022 for its reconstruction.
    assertThat(denoised).isLessThan(0.5 * identity);
  }

  @Test
  void sparsityPenaltyPullsTheMeanActivationTowardRho() {
    double sparse = meanCodeAfterTraining(new SparsityPenalty(0.05, 1));
    double plain = meanCodeAfterTraining(null);
    // Seen: 0.051 with ρ = 0.05, 0.49 without the penalty.
    assertThat(sparse).isBetween(0.03, 0.08);
    assertThat(plain).isGreaterThan(0.2);
  }

  /** The code's mean activation over the data after 20 epochs with {@code penalty} (or none). */
  static double meanCodeAfterTraining(SparsityPenalty penalty) {
    Tensor train = manifold(512, 1);
    Autoencoder ae =
        new Autoencoder(new int[] {V, 12, V}, Autoencoder.Hidden.SIGMOID, false, new Rng(8));
    Optimizer opt = new Adam(0.02).create(ae.parameters());
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(
            512,
            64,
            true,
            false,
            3,
            (rows, n) ->
                new DataLoader.Batch(train.indexSelect(0, DataLoader.indexTensor(rows)), null));
    new Trainer(ae, new TrainConfig(20, 64, 3))
        .fit(batches, new AutoencoderStep(ae, new MSELoss(), penalty, opt));
    try (var off = Grad.disabled()) {
      return ae.encode(train).mean().item();
    }
  }

  /** A tied denoising autoencoder trained for {@code epochs}, from a checkpoint when asked. */
  static Autoencoder denoisingRun(int epochs, Path checkpoint, boolean resume, long initSeed) {
    Tensor train = manifold(128, 1);
    Autoencoder ae =
        new Autoencoder(new int[] {V, 6, V}, Autoencoder.Hidden.SIGMOID, true, new Rng(initSeed));
    Optimizer opt = new Adam(0.02).create(ae.parameters());
    Corruption noise = Corruption.gaussian(0.1);
    var batches = new DataLoader<>(128, 16, true, false, 5, Corruption.denoising(train, noise, 5));
    TrainConfig cfg = new TrainConfig(epochs, 16, 5);
    if (checkpoint != null) cfg = cfg.withCheckpoint(checkpoint, 1);
    Trainer trainer = new Trainer(ae, cfg);
    if (resume) trainer.resumeIfPresent(checkpoint);
    trainer.fit(batches, new AutoencoderStep(ae, new MSELoss(), opt));
    return ae;
  }

  static List<Float> flat(Autoencoder m) {
    List<Float> all = new ArrayList<>();
    for (var t : m.stateDict().values()) for (float v : t.toArray()) all.add(v);
    return all;
  }

  @Test
  void aDenoisingRunRepeatsAndResumesBitForBit(@TempDir Path dir) {
    List<Float> straight = flat(denoisingRun(4, null, false, 1));
    assertThat(flat(denoisingRun(4, null, false, 1))).containsExactlyElementsOf(straight);
    Path ckpt = dir.resolve("dae.ckpt");
    denoisingRun(2, ckpt, false, 1);
    // Other initial weights: the checkpoint must win, and the noise of epochs 3 and 4 must match.
    assertThat(flat(denoisingRun(4, ckpt, true, 42))).containsExactlyElementsOf(straight);
    assertThat(flat(denoisingRun(4, null, false, 42))).isNotEqualTo(straight);
  }

  // --- (e) corruption ---

  @Test
  void maskingZeroesAboutPOfTheInputsAndRepeatsForASeed() {
    int n = 10_000;
    double p = 0.3;
    Tensor ones = Tensor.ones(100, 100);
    Tensor a = Corruption.masking(p).apply(ones, new Rng(21));
    double zeros = n - a.sum().item();
    double sd = Math.sqrt(n * p * (1 - p)); // ≈ 45.8
    assertThat(Math.abs(zeros - n * p)).isLessThan(4 * sd);
    assertThat(a.toArray())
        .containsExactly(Corruption.masking(p).apply(ones, new Rng(21)).toArray());
    assertThat(a.toArray()).isNotEqualTo(Corruption.masking(p).apply(ones, new Rng(22)).toArray());
    assertThat(ones.sum().item()).isEqualTo(n); // the input is left alone

    // The loader's batches repeat bit for bit for a seed, whichever pass asks.
    Tensor data = Tensor.rand(new Rng(2), 40, 5);
    var collate = Corruption.denoising(data, Corruption.masking(0.5), 9);
    DataLoader.Batch b1 = collate.rows(new int[] {3, 1, 4}, 7);
    DataLoader.Batch b2 = collate.rows(new int[] {3, 1, 4}, 7);
    assertThat(b1.features().toArray()).containsExactly(b2.features().toArray());
    assertThat(b1.target().toArray())
        .containsExactly(
            data.indexSelect(0, DataLoader.indexTensor(new int[] {3, 1, 4})).toArray());

    Tensor g = Corruption.gaussian(0.1).apply(Tensor.zeros(100, 100), new Rng(4));
    assertThat((double) g.mean().item()).isBetween(-4 * 0.1 / 100, 4 * 0.1 / 100);
    assertThat(Math.sqrt(g.square().mean().item())).isBetween(0.097, 0.103);
  }
}
