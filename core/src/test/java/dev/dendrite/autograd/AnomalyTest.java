package dev.dendrite.autograd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With anomaly detection on, the first NaN or infinity of a forward or backward pass stops the run,
 * naming the op, the layer and the step; off, the same run goes on to the loss check.
 */
class AnomalyTest {
  @AfterEach
  void off() {
    Anomaly.enable(false);
  }

  /** A layer running one elementwise op, as a user's custom layer might. */
  private static Module layer(String name, UnaryOperator<Tensor> op) {
    return new Module() {
      @Override
      public Tensor forward(Tensor x) {
        return op.apply(x);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  @Test
  void aNanInTheForwardPassNamesTheOpLayerAndInput() {
    Anomaly.enable(true);
    Module m = new Sequential(new Linear(3, 4, new Rng(1)), layer("log", Tensor::log), new ReLU());
    Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 2, 3);
    assertThatThrownBy(() -> m.forward(x))
        .isInstanceOf(Anomaly.Detected.class)
        .hasMessageStartingWith("log in layer 1 returned NaN at element")
        .hasMessageContaining("in the forward pass; input 0 [2, 4] [");
  }

  @Test
  void anInfinityInTheBackwardPassNamesTheOpAndLayer() {
    Anomaly.enable(true);
    Module m =
        new Sequential(
            new Linear(3, 4, new Rng(1)),
            new ReLU(),
            layer("sqrt", Tensor::sqrt),
            new Linear(4, 1, new Rng(2)));
    Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 2, 3);
    Tensor out = m.forward(x); // some ReLU outputs are 0: sqrt is finite there, its slope is not
    assertThatThrownBy(() -> out.sum().backward())
        .isInstanceOf(Anomaly.Detected.class)
        .hasMessageStartingWith("the backward of sqrt in layer 2 returned")
        .hasMessageContaining("gradient received [2, 4]");
  }

  @Test
  void theTrainerAddsTheStepAndOffByDefaultTheLossCheckStopsTheRun() {
    Labeled data =
        new Labeled(
            Tensor.of(new float[] {1, 2, -1, 3, 0.5f, -2, 2, 1}, 4, 2),
            new int[] {0, 1, 0, 1},
            List.of("a", "b"));
    for (boolean on : new boolean[] {true, false}) {
      Anomaly.enable(on);
      Module m = new Sequential(new Linear(2, 2, new Rng(3)), layer("log", Tensor::log));
      Trainer t =
          new Trainer(
              m,
              new CrossEntropyLoss(),
              new SGD(0.1).create(m.parameters()),
              new TrainConfig(1, 2, 1));
      var thrown =
          assertThatThrownBy(() -> t.fit(data, null))
              .isInstanceOf(Trainer.Diverged.class)
              .hasMessageContaining("at epoch 1, step 1");
      if (on) thrown.hasMessageContaining("log in layer 1 returned NaN");
      else thrown.hasMessageStartingWith("the loss became NaN");
    }
  }
}
