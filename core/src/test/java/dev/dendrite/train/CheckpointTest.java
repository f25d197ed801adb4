package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.io.Safetensors;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @Test
  void roundTripKeepsTensorsCountersAndRandomState(@TempDir Path dir) throws IOException {
    Rng rng = new Rng(9);
    rng.nextLong();
    Checkpoint c =
        new Checkpoint(
            Map.of("0.weight", Tensor.randn(rng, 3, 2)),
            Map.of("0.momentum_buffer", Tensor.ones(3, 2)),
            4,
            1234,
            rng.state(),
            Map.of("best", 0.125));
    Path f = dir.resolve("ckpt.safetensors");
    c.save(f);
    Checkpoint back = Checkpoint.load(f);
    assertThat(back.epoch()).isEqualTo(4);
    assertThat(back.step()).isEqualTo(1234);
    assertThat(back.extra()).containsEntry("best", 0.125);
    assertThat(back.model().get("0.weight").toArray())
        .containsExactly(c.model().get("0.weight").toArray());
    assertThat(back.optimizer().get("0.momentum_buffer").toArray()).containsOnly(1f);
    assertThat(new Rng(0).restore(back.rngState()).nextLong()).isEqualTo(rng.nextLong());
  }

  @Test
  void aPlainWeightsFileIsNotACheckpoint(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("w.safetensors");
    Safetensors.write(f, Map.of("a", Tensor.ones(1)), Map.of());
    assertThatThrownBy(() -> Checkpoint.load(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Dendrite checkpoint");
  }
}
