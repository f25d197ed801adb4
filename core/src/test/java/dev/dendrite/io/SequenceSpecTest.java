package dev.dendrite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.nn.Embedding;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.recurrent.Bidirectional;
import dev.dendrite.nn.recurrent.GRU;
import dev.dendrite.nn.recurrent.GRUCell;
import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.LSTMCell;
import dev.dendrite.nn.recurrent.LastStep;
import dev.dendrite.nn.recurrent.RNN;
import dev.dendrite.nn.recurrent.RNNCell;
import dev.dendrite.nn.recurrent.Recurrent;
import dev.dendrite.nn.recurrent.Unrolled;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequence layers' specs round-trip through ModelSpec and the model archive. */
class SequenceSpecTest {
  @Test
  void everySequenceLayerRoundTrips() {
    Rng rng = new Rng(1);
    Module[] layers = {
      new LSTM(
          Recurrent.Config.of(3, 4).withLayers(2).withDropout(0.25f).withBidirectional(true), rng),
      new RNN(Recurrent.Config.of(3, 4).withBatchFirst(true), true, rng),
      new GRU(3, 4, rng),
      new RNNCell(3, 4, false, true, rng),
      new LSTMCell(3, 4, rng),
      new GRUCell(3, 4, false, rng),
      new Embedding(10, 3, 0, rng),
      new Embedding(10, 3, rng),
      new Unrolled(new LSTMCell(3, 4, rng), true),
      new Bidirectional(
          new GRU(Recurrent.Config.of(3, 4).withBatchFirst(true), rng),
          new GRU(Recurrent.Config.of(3, 4).withBatchFirst(true), rng)),
      new Bidirectional(
          new Unrolled(new RNNCell(3, 2, rng), false), new Unrolled(new RNNCell(3, 2, rng), false)),
    };
    for (Module m : layers) {
      Module back = ModelSpec.parse(Json.write(m.spec()), new Rng(2));
      assertThat(back.spec()).as(m.toString()).isEqualTo(m.spec());
      assertThat(back.toString()).isEqualTo(m.toString());
      assertThat(back.namedParameters().keySet())
          .as(m.toString())
          .containsExactlyElementsOf(m.namedParameters().keySet());
    }
  }

  @Test
  void aTokenClassifierSavesAndLoadsWithItsWeights(@TempDir Path dir) throws Exception {
    Rng rng = new Rng(3);
    Module m =
        new Sequential(
            new Embedding(20, 5, 0, rng),
            new LSTM(
                Recurrent.Config.of(5, 6).withLayers(2).withBatchFirst(true).withDropout(0.2f),
                rng),
            new LastStep(true),
            new Linear(6, 3, rng));
    m.eval();
    Path f = dir.resolve("tokens.dnd");
    ModelArchive.save(f, m, Map.of());
    Module back = ModelArchive.load(f).eval();
    Tensor tokens = Tensor.of(new float[] {1, 4, 19, 0, 7, 7, 2, 3}, 2, 4);
    assertThat(back.forward(tokens).toArray()).containsExactly(m.forward(tokens).toArray());
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"RNN\", \"inputSize\": 2, \"hiddenSize\": 3, \"nonlinearity\":"
                        + " \"sigmoid\"}",
                    new Rng(1)))
        .hasMessageContaining("nonlinearity")
        .hasMessageContaining("sigmoid");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"Unrolled\", \"cell\": {\"type\": \"ReLU\"}}", new Rng(1)))
        .hasMessageContaining("must be a cell");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"LSTM\", \"inputSize\": 2, \"hiddenSize\": 3, \"dropout\": 1.5}",
                    new Rng(1)))
        .hasMessageContaining("dropout");
  }
}
