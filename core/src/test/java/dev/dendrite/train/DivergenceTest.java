package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stops on a loss that explodes and stays finite, or on a NaN validation loss, and its error
 * names only a checkpoint this run wrote.
 */
class DivergenceTest {
  private final Module model = new Linear(2, 2, new Rng(1));
  private final Optimizer opt = new SGD(0.1).create(model.parameters());

  /** A step whose loss is {@code loss} of the batch number (counted across epochs). */
  private TrainStep<Long> step(LongToDoubleFunction loss) {
    return new TrainStep<>() {
      @Override
      public Outcome run(Long batch) {
        return new Outcome(loss.applyAsDouble(batch), 4, null, null);
      }

      @Override
      public List<Optimizer> optimizers() {
        return List.of(opt);
      }
    };
  }

  private static DataLoader<Long> loader() {
    return new DataLoader<>(16, 4, true, false, 3, (rows, number) -> number); // 4 batches/epoch
  }

  @Test
  void aFiniteButExplodingLossStopsTheRunAndNamesNoOlderCheckpoint(@TempDir Path dir)
      throws IOException {
    Path old = dir.resolve("run.ckpt");
    Files.writeString(old, "left by an earlier run");
    TrainConfig cfg = new TrainConfig(3, 4, 1).withCheckpoint(old, 5);
    assertThatThrownBy(() -> new Trainer(model, cfg).fit(loader(), step(b -> b == 2 ? 1e34 : 1.0)))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("1.0E34")
        .hasMessageContaining("epoch 1, step 3")
        .hasMessageNotContaining("checkpoint");
    assertThat(Files.readString(old)).isEqualTo("left by an earlier run");
  }

  @Test
  void theErrorNamesThisRunsCheckpointWhichKeepsTheLastGoodEpoch(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("run.ckpt");
    TrainConfig cfg = new TrainConfig(3, 4, 1).withCheckpoint(file, 1);
    assertThatThrownBy(
            () -> new Trainer(model, cfg).fit(loader(), step(b -> b == 5 ? Double.NaN : 1.0)))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("epoch 2, step 6")
        .hasMessageContaining("the last good checkpoint is " + file);
    assertThat(Checkpoint.load(file).epoch()).isEqualTo(1);
  }

  @Test
  void aLossFarAboveTheLowestStopsTheRunWhenAsked() {
    TrainConfig cfg = new TrainConfig(3, 4, 1);
    LongToDoubleFunction loss = b -> b < 4 ? 1.0 / (b + 1) : 60; // lowest 0.25, then 60 > 100·0.25
    assertThatThrownBy(() -> new Trainer(model, cfg).divergeAbove(100).fit(loader(), step(loss)))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("over 100.0 times the lowest so far (0.25)")
        .hasMessageContaining("epoch 2, step 5");
    assertThat(new Trainer(model, cfg).fit(loader(), step(loss)).reason()).isEqualTo("completed");
  }

  @Test
  void aNanValidationLossStopsTheRunBeforeItIsCheckpointed(@TempDir Path dir) {
    Path file = dir.resolve("run.ckpt");
    TrainConfig cfg = new TrainConfig(3, 4, 1).withCheckpoint(file, 1);
    assertThatThrownBy(
            () ->
                new Trainer(model, cfg)
                    .validate(() -> Map.of("val_loss", Double.NaN))
                    .fit(loader(), step(b -> 1.0)))
        .isInstanceOf(Trainer.Diverged.class)
        .hasMessageContaining("the val_loss became NaN at epoch 1")
        .hasMessageNotContaining("checkpoint");
    assertThat(file).doesNotExist();
  }
}
