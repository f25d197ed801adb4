package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.loss.BCELoss;
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

/** Greedy pre-training of stacked (denoising) autoencoders, unrolling and fine-tuning. */
class StackedAutoencoderTest {
  static final int V = 16;

  /** Encoders with large, varied weights, so the comparison is not of near-zero values. */
  static StackedAutoencoder randomStack(Autoencoder.Hidden hidden, long seed) {
    var sae = new StackedAutoencoder(new int[] {V, 12, 8}, hidden, true, new Rng(seed));
    Rng rng = new Rng(seed + 1);
    try (var off = Grad.disabled()) {
      for (Autoencoder ae : sae.layers()) {
        Linear enc = (Linear) ae.encoder().layers().get(0);
        enc.weight().copyFrom(Tensor.randn(rng, enc.outFeatures(), enc.inFeatures()));
        enc.bias().copyFrom(Tensor.randn(rng, enc.outFeatures()));
      }
    }
    return sae;
  }

  @Test
  void theUnrolledMlpWithoutItsHeadIsTheChainedEncodersBitForBit() {
    for (Autoencoder.Hidden h : Autoencoder.Hidden.values()) unrolledBodyIsTheChainedEncoders(h);
  }

  static void unrolledBodyIsTheChainedEncoders(Autoencoder.Hidden hidden) {
    StackedAutoencoder sae = randomStack(hidden, 3);
    Sequential mlp = sae.unroll(4, new Rng(9));
    List<Module> mods = mlp.layers();
    assertThat(mods).hasSize(5);
    assertThat(mods.get(1))
        .isInstanceOf(hidden == Autoencoder.Hidden.SIGMOID ? Sigmoid.class : ReLU.class);
    assertThat(((Linear) mods.get(4)).outFeatures()).isEqualTo(4);
    Tensor x = DeepBeliefNetTest.prototypes(40, 0.1, 4).features();
    float[] body = new Sequential(mods.subList(0, 4)).forward(x).toArray();
    Tensor chained = x;
    for (Autoencoder ae : sae.layers()) chained = ae.encode(chained);
    assertThat(body).hasSize(40 * 8);
    assertThat(body).containsExactly(chained.toArray());
    assertThat(body).containsExactly(sae.encode(x).toArray());
    // The copies are the MLP's own: fine-tuning must leave the encoders as they were.
    try (var off = Grad.disabled()) {
      ((Linear) mods.get(0)).weight().fill(0f);
    }
    assertThat(sae.layers().get(0).encoderWeight(0).abs().sum().item()).isGreaterThan(1f);
  }

  @Test
  void pretrainingLowersEachLayersErrorAndFineTuningClassifiesHeldOutPrototypes() {
    Labeled train = DeepBeliefNetTest.prototypes(512, 0.1, 1);
    Labeled test = DeepBeliefNetTest.prototypes(256, 0.1, 2);
    Tensor val = DeepBeliefNetTest.prototypes(128, 0.1, 5).features();
    var sae =
        new StackedAutoencoder(new int[] {V, 12, 8}, Autoencoder.Hidden.SIGMOID, true, new Rng(7));
    double before1 = StackedAutoencoder.reconstructionError(sae.layers().get(0), val);
    // Layer 2's untrained weights, to be measured on the codes of the trained layer 1.
    Autoencoder layer2Copy =
        new Autoencoder(new int[] {12, 8, 12}, Autoencoder.Hidden.SIGMOID, true, new Rng(0));
    try (var off = Grad.disabled()) {
      for (var e : sae.layers().get(1).namedParameters().entrySet())
        layer2Copy.namedParameters().get(e.getKey()).copyFrom(e.getValue());
    }
    List<TrainEvent> events = new ArrayList<>();
    List<Trainer.Result> pre =
        sae.pretrain(
            train.features(),
            val,
            new BCELoss(),
            ps -> new Adam(0.02).create(ps),
            Corruption.masking(0.2),
            new TrainConfig(10, 16, 3),
            events::add);
    assertThat(pre).hasSize(2);
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.RunStarted)).hasSize(2);
    assertThat(events.stream().filter(e -> e instanceof TrainEvent.EpochEnded)).hasSize(20);
    double after1 = pre.get(0).metrics().get("val_reconstruction_error");
    double after2 = pre.get(1).metrics().get("val_reconstruction_error");
    double before2 = StackedAutoencoder.reconstructionError(layer2Copy, sae.encode(val, 1));

    Sequential mlp = sae.unroll(4, new Rng(8));
    var loss = new CrossEntropyLoss();
    new Trainer(mlp, loss, new Adam(0.01).create(mlp.parameters()), new TrainConfig(5, 16, 4))
        .fit(train, null);
    double acc = Trainer.evaluate(mlp, loss, test, 64).confusion().accuracy();
    System.out.printf(
        "layer 1 val error %.4f -> %.4f, layer 2 %.4f -> %.4f;" + " held-out accuracy %.4f%n",
        before1, after1, before2, after2, acc);
    // Seen: 0.2574 -> 0.0680, 0.1810 -> 0.0130; accuracy 0.9961.
    assertThat(after1).isLessThan(0.5 * before1);
    assertThat(after2).isLessThan(0.5 * before2);
    assertThat(acc).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void oneCheckpointFileForEveryLayerIsRefused() {
    var sae =
        new StackedAutoencoder(new int[] {V, 4}, Autoencoder.Hidden.SIGMOID, true, new Rng(1));
    Tensor x = DeepBeliefNetTest.prototypes(8, 0, 1).features();
    TrainConfig cfg = new TrainConfig(1, 4, 1).withCheckpoint(Path.of("sae.ckpt"), 1);
    assertThatThrownBy(
            () -> sae.pretrain(x, null, new BCELoss(), ps -> new Adam(0.01).create(ps), null, cfg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sae.ckpt");
    assertThat(Files.exists(Path.of("sae.ckpt"))).isFalse();
  }

  @Test
  void aLayerListThatDoesNotFitTheDataIsAnErrorNamingBothSizes() {
    var sae =
        new StackedAutoencoder(new int[] {12, 8, 4}, Autoencoder.Hidden.SIGMOID, false, new Rng(1));
    Tensor x = DeepBeliefNetTest.prototypes(8, 0, 1).features();
    assertThatThrownBy(
            () ->
                sae.pretrain(
                    x,
                    null,
                    new BCELoss(),
                    ps -> new Adam(0.01).create(ps),
                    null,
                    new TrainConfig(1, 4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[12, 8, 4]")
        .hasMessageContaining("12 inputs")
        .hasMessageContaining("16 columns");
    assertThatThrownBy(() -> sae.encode(x)).hasMessageContaining("16 columns");
    assertThatThrownBy(
            () ->
                new StackedAutoencoder(new int[] {12}, Autoencoder.Hidden.RELU, false, new Rng(1)))
        .hasMessageContaining("[12]");
  }
}
