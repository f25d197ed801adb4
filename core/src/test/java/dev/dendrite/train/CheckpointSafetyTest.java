package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums, the previous good checkpoint, and refusing a resume with other settings. */
class CheckpointSafetyTest {
  private static Checkpoint at(int epoch) {
    return new Checkpoint(
        Map.of("0.weight", Tensor.full(epoch, 3, 2)), Map.of(), epoch, 10 * epoch, 7L, Map.of());
  }

  private static void flipLastByte(Path f) throws IOException {
    byte[] b = Files.readAllBytes(f);
    b[b.length - 1] ^= 0x01;
    Files.write(f, b);
  }

  @Test
  void aDamagedCheckpointIsReportedAndThePreviousOneUsed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("run.ckpt");
    at(1).save(f);
    at(2).save(f);
    assertThat(Checkpoint.load(Checkpoint.previous(f)).epoch()).isEqualTo(1);
    flipLastByte(f);
    assertThatThrownBy(() -> Checkpoint.load(f))
        .isInstanceOf(IOException.class)
        .hasMessage(f + ": the tensors do not match their checksum: corrupt checkpoint");
    List<String> said = new ArrayList<>();
    Checkpoint c = Checkpoint.loadLatest(f, said::add);
    assertThat(c.epoch()).isEqualTo(1);
    assertThat(c.model().get("0.weight").toArray()).containsOnly(1f);
    assertThat(said)
        .singleElement()
        .asString()
        .contains("corrupt checkpoint")
        .contains("resuming from the previous checkpoint " + Checkpoint.previous(f));
    flipLastByte(Checkpoint.previous(f));
    assertThatThrownBy(() -> Checkpoint.loadLatest(f, said::add))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("the previous one too");
  }

  @Test
  void aMissingLatestFallsBackToThePreviousOne(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("run.ckpt");
    at(3).save(f);
    at(4).save(f);
    Files.delete(f); // as a kill between the two renames of a save would leave it
    assertThat(Checkpoint.exists(f)).isTrue();
    assertThat(Checkpoint.loadLatest(f, s -> {}).epoch()).isEqualTo(3);
  }

  @Test
  void aSaveThatDiesHalfwayLeavesTheLatestInPlace(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("run.ckpt");
    at(5).save(f);
    at(6).save(f);
    // A folder where the temporary file goes makes the next write fail after the previous
    // checkpoint was kept, as a kill inside the write would stop it.
    Files.createDirectory(dev.dendrite.io.AtomicFiles.tmpOf(f));
    assertThatThrownBy(() -> at(7).save(f)).isInstanceOf(IOException.class);
    assertThat(Checkpoint.load(f).epoch()).isEqualTo(6);
    assertThat(Checkpoint.load(Checkpoint.previous(f)).epoch()).isEqualTo(6);
    Files.deleteIfExists(dev.dendrite.io.AtomicFiles.tmpOf(f));
    at(8).save(f);
    assertThat(Checkpoint.load(f).epoch()).isEqualTo(8);
    assertThat(Checkpoint.load(Checkpoint.previous(f)).epoch()).isEqualTo(6);
  }

  private static Labeled data() {
    Rng rng = new Rng(5);
    Tensor x = Tensor.randn(rng, 32, 3);
    int[] y = new int[32];
    for (int i = 0; i < y.length; i++) y[i] = x.get(i, 0) > 0 ? 1 : 0;
    return new Labeled(x, y, List.of("neg", "pos"));
  }

  private static Module mlp() {
    Rng rng = new Rng(1);
    return new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng));
  }

  private static void train(Module m, Optimizer opt, int epochs, Path ckpt, boolean resume)
      throws IOException {
    Trainer t =
        new Trainer(
            m, new CrossEntropyLoss(), opt, new TrainConfig(epochs, 8, 3).withCheckpoint(ckpt, 1));
    if (resume) t.resume(Checkpoint.load(ckpt));
    t.fit(data(), null);
  }

  @Test
  void aResumeWithOtherOptimizerSettingsIsRefusedNamingThem(@TempDir Path dir) throws IOException {
    Path ckpt = dir.resolve("run.ckpt");
    Module m = mlp();
    train(m, new SGD(0.1).withMomentum(0.9).create(m.parameters()), 1, ckpt, false);
    assertThat(Checkpoint.load(ckpt).settings())
        .containsEntry("optimizer", new SGD(0.1).withMomentum(0.9).toString())
        .containsKey("model");

    Module other = mlp();
    assertThatThrownBy(
            () ->
                train(
                    other,
                    new SGD(0.01).withMomentum(0.9).create(other.parameters()),
                    2,
                    ckpt,
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("optimizer SGD: lr 0.1 in the checkpoint, 0.01 now");
    Module adam = mlp();
    assertThatThrownBy(() -> train(adam, new Adam(0.1).create(adam.parameters()), 2, ckpt, true))
        .hasMessageContaining("optimizer SGD[lr=0.1")
        .hasMessageContaining("in the checkpoint, Adam[lr=0.1");
    Module wider =
        new Sequential(
            new Linear(3, 4, new Rng(1)),
            new dev.dendrite.nn.activation.ReLU(),
            new Linear(4, 2, new Rng(1)));
    assertThatThrownBy(
            () ->
                train(
                    wider,
                    new SGD(0.1).withMomentum(0.9).create(wider.parameters()),
                    2,
                    ckpt,
                    true))
        .hasMessageContaining("model ")
        .hasMessageContaining("Tanh");
    Module same = mlp();
    train(same, new SGD(0.1).withMomentum(0.9).create(same.parameters()), 2, ckpt, true);
    assertThat(Checkpoint.load(ckpt).epoch()).isEqualTo(2);
  }
}
