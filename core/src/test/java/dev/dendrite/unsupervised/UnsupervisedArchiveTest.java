package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RBMs, DBNs, autoencoders and VAEs through the model archive, bit for bit. */
class UnsupervisedArchiveTest {
  private static final Tensor DATA = DeepBeliefNetTest.prototypes(64, 0.1, 3).features();

  private static void assertSameState(Module a, Module b) {
    Map<String, Tensor> x = a.stateDict(), y = b.stateDict();
    assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
    for (String k : x.keySet()) {
      assertThat(y.get(k).shape()).as(k).isEqualTo(x.get(k).shape());
      assertThat(y.get(k).toArray()).as(k).isEqualTo(x.get(k).toArray());
    }
  }

  private static Module roundTrip(Path dir, Module m) throws IOException {
    Path f = dir.resolve("m.dnd");
    ModelArchive.save(f, m, ModelArchive.Info.NONE);
    Module back = ModelArchive.load(f);
    assertThat(back.getClass()).isEqualTo(m.getClass());
    assertSameState(m, back);
    return back;
  }

  @Test
  void aTrainedPcdRbmKeepsSklearnNamesAndItsChain(@TempDir Path dir) throws IOException {
    RBM rbm = new RBM(DeepBeliefNetTest.V, 6, new Rng(1));
    var cd = new ContrastiveDivergence(rbm, ContrastiveDivergence.Config.pcd(0.1), 16, new Rng(2));
    for (int i = 0; i < 4; i++)
      cd.run(new DataLoader.Batch(DATA.slice(0, 16 * i, 16 * i + 16), null));
    assertThat(rbm.stateDict().keySet())
        .containsExactly("components_", "intercept_hidden_", "intercept_visible_", "h_samples_");
    assertThat(rbm.components().shape()).containsExactly(6, DeepBeliefNetTest.V);
    RBM back = (RBM) roundTrip(dir, rbm);
    assertThat(back.spec()).isEqualTo(rbm.spec());
    assertThat(back.hiddenProbabilities(DATA).toArray())
        .isEqualTo(rbm.hiddenProbabilities(DATA).toArray());
    assertThat(back.freeEnergy(DATA).toArray()).isEqualTo(rbm.freeEnergy(DATA).toArray());
  }

  @Test
  void gaussianVisibleUnitsSurviveTheArchive(@TempDir Path dir) throws IOException {
    RBM rbm = new RBM(5, 3, new Rng(4), RBM.Visible.GAUSSIAN);
    RBM back = (RBM) roundTrip(dir, rbm);
    assertThat(back.visibleUnits()).isEqualTo(RBM.Visible.GAUSSIAN);
  }

  @Test
  void aDbnIsASequentialOfRbmsThatLoadsBackIntoANet(@TempDir Path dir) throws IOException {
    DeepBeliefNet dbn = DeepBeliefNetTest.randomNet(5);
    Module back = roundTrip(dir, dbn.asModule());
    assertThat(back.stateDict().keySet()).contains("0.components_", "1.intercept_visible_");
    DeepBeliefNet again = DeepBeliefNet.from(back);
    assertThat(again.sizes()).containsExactly(dbn.sizes());
    assertThat(again.upPass(DATA).toArray()).isEqualTo(dbn.upPass(DATA).toArray());
    // The same seed draws the same samples from the original and from the loaded net.
    assertThat(again.sample(4, 20, new Rng(9)).toArray())
        .isEqualTo(dbn.sample(4, 20, new Rng(9)).toArray());
  }

  @Test
  void aFineTunedDbnIsAnOrdinaryClassifier(@TempDir Path dir) throws IOException {
    Sequential mlp = DeepBeliefNetTest.randomNet(6).unroll(4, new Rng(7));
    Module back = roundTrip(dir, mlp);
    assertThat(back.forward(DATA).toArray()).isEqualTo(mlp.forward(DATA).toArray());
  }

  @Test
  void untiedAndTiedAutoencodersRoundTrip(@TempDir Path dir) throws IOException {
    for (boolean tied : new boolean[] {false, true}) {
      Autoencoder ae =
          new Autoencoder(new int[] {16, 8, 4, 8, 16}, Autoencoder.Hidden.RELU, tied, new Rng(8));
      Autoencoder back = (Autoencoder) roundTrip(dir, ae);
      assertThat(back.tied()).isEqualTo(tied);
      assertThat(back.hidden()).isEqualTo(Autoencoder.Hidden.RELU);
      assertThat(back.forward(DATA).toArray()).isEqualTo(ae.forward(DATA).toArray());
      // Tied weights load once and stay shared: the decoder reads the encoder's parameter.
      if (tied)
        assertThat(back.decoderWeight(1).toArray()).isEqualTo(back.encoderWeight(0).t().toArray());
    }
  }

  @Test
  void aConvolutionalAutoencoderRoundTrips(@TempDir Path dir) throws IOException {
    Autoencoder ae = Autoencoder.convolutional(new int[] {1, 6, 6}, new int[] {3, 4}, new Rng(12));
    Autoencoder back = (Autoencoder) roundTrip(dir, ae);
    assertThat(back.image()).containsExactly(1, 6, 6);
    assertThat(back.sizes()).containsExactly(ae.sizes());
    Tensor x = Tensor.rand(new Rng(13), 3, 36);
    assertThat(back.forward(x).toArray()).isEqualTo(ae.forward(x).toArray());
  }

  @Test
  void aStackUnrollsIntoOneDeepAutoencoderOpForOp(@TempDir Path dir) throws IOException {
    for (boolean tied : new boolean[] {false, true}) {
      StackedAutoencoder stack =
          new StackedAutoencoder(
              new int[] {16, 10, 6}, Autoencoder.Hidden.SIGMOID, tied, new Rng(10));
      stack.pretrain(
          DATA,
          null,
          new BCELoss(),
          p -> new Adam(0.01).create(p),
          null,
          new TrainConfig(2, 16, 11));
      Autoencoder deep = stack.toAutoencoder();
      assertThat(deep.sizes()).containsExactly(16, 10, 6, 10, 16);
      assertThat(deep.tied()).isEqualTo(tied);
      List<Autoencoder> l = stack.layers();
      Tensor expected;
      try (var off = Grad.disabled()) {
        expected = l.get(0).decode(l.get(1).decode(l.get(1).encode(l.get(0).encode(DATA))));
      }
      assertThat(deep.forward(DATA).toArray()).isEqualTo(expected.toArray());
      assertThat(deep.encode(DATA).toArray()).isEqualTo(stack.encode(DATA).toArray());
      Autoencoder back = (Autoencoder) roundTrip(dir, deep);
      assertThat(back.forward(DATA).toArray()).isEqualTo(expected.toArray());
    }
  }

  @Test
  void aVaeRoundTrips(@TempDir Path dir) throws IOException {
    var vae = new VariationalAutoencoder(16, 8, 2, Autoencoder.Hidden.RELU, new Rng(12));
    var back = (VariationalAutoencoder) roundTrip(dir, vae);
    assertThat(back.latent()).isEqualTo(2);
    assertThat(back.sample(3, new Rng(1)).toArray()).isEqualTo(vae.sample(3, new Rng(1)).toArray());
  }

  @Test
  void aTruncatedArchiveIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("dbn.dnd");
    ModelArchive.save(f, DeepBeliefNetTest.randomNet(13).asModule(), ModelArchive.Info.NONE);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(all, all.length - 10));
    assertThatThrownBy(() -> ModelArchive.load(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(f.toString());
    all[9] = '!'; // inside the JSON header
    Files.write(f, all);
    assertThatThrownBy(() -> ModelArchive.load(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(f.toString());
  }

  @Test
  void aBadSpecFieldIsNamed() {
    assertThatThrownBy(
            () ->
                dev.dendrite.io.ModelSpec.parse(
                    "{\"type\": \"RBM\", \"visible\": 4, \"hidden\": 2, \"units\": \"poisson\"}",
                    new Rng(0)))
        .hasMessageContaining("units")
        .hasMessageContaining("poisson");
  }

  @Test
  void aStackOfOtherLayersIsNotADbn() {
    assertThatThrownBy(
            () -> DeepBeliefNet.from(DeepBeliefNetTest.randomNet(1).unroll(2, new Rng(1))))
        .hasMessageContaining("stack of RBMs");
  }
}
