package dev.dendrite.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackpropTraceTest {
  @Test
  void reproducesTheNotesWorkedExample() {
    BackpropTrace.Step s = BackpropTrace.run(BackpropExample.notes());
    assertThat(s.out().get(1)).containsExactly(new double[] {0.6803, 0.6637}, within(1e-4));
    assertThat(s.out().get(2)[0]).isCloseTo(0.6903, within(1e-4));
    assertThat(s.secondOutput()[0]).isCloseTo(0.6820, within(1e-4));
    assertThat(s.error()).isCloseTo(0.5 * Math.pow(0.5 - 0.69028, 2), within(1e-5));
  }

  /**
   * The autograd deltas must equal the textbook's formulas evaluated by hand, in double precision.
   */
  @Test
  void autogradDeltasMatchTheTextbookFormulas() {
    double x1 = 0.35, x2 = 0.9;
    double y3 = sig(0.1 * x1 + 0.8 * x2),
        y4 = sig(0.4 * x1 + 0.6 * x2),
        y5 = sig(0.3 * y3 + 0.9 * y4);
    double d5 = (0.5 - y5) * y5 * (1 - y5);
    double d3 = y3 * (1 - y3) * 0.3 * d5, d4 = y4 * (1 - y4) * 0.9 * d5;
    BackpropTrace.Step s = BackpropTrace.run(BackpropExample.notes());
    assertThat(s.delta().get(1)[0]).isCloseTo(d5, within(1e-6));
    assertThat(s.delta().get(0)).containsExactly(new double[] {d3, d4}, within(1e-6));
    // w35 ← w35 + η·δ5·y3; w13 ← w13 + η·δ3·x1
    assertThat(s.updated().get(1)[0][0]).isCloseTo(0.3 + d5 * y3, within(1e-6));
    assertThat(s.updated().get(0)[0][0]).isCloseTo(0.1 + d3 * x1, within(1e-6));
  }

  private static double sig(double a) {
    return 1 / (1 + Math.exp(-a));
  }

  @Test
  void theTextShowsEveryStep() {
    String text = BackpropTrace.explain(BackpropExample.notes());
    assertThat(text)
        .contains("y5 = σ(0.8014) = 0.6903")
        .contains("δ5 = (t − y5)·y5·(1 − y5) = (0.5000 − 0.6903)·0.6903·0.3097 = −0.0407")
        .contains("w35          0.3000")
        .contains("y5 = 0.6820");
  }

  @Test
  void valuesCanBeChangedByTheirTextbookNames() {
    BackpropExample ex =
        BackpropExample.notes().with("w35", 0.5).with("x1", 1).with("t", 0.2).with("lr", 0.5);
    assertThat(ex.weights().get(1)[0][0]).isEqualTo(0.5);
    assertThat(ex.inputs()[0]).isEqualTo(1.0);
    assertThat(ex.target()[0]).isEqualTo(0.2);
    assertThat(ex.lr()).isEqualTo(0.5);
    assertThat(BackpropExample.notes().with("w24", 0.7).weights().get(0)[1][1]).isEqualTo(0.7);
    assertThatThrownBy(() -> BackpropExample.notes().with("w15", 1)).hasMessageContaining("w15");
    assertThatThrownBy(
            () ->
                new BackpropExample(
                    new double[] {1, 2},
                    List.<double[][]>of(new double[][] {{1, 2, 3}}),
                    new double[] {1},
                    1,
                    BackpropExample.Activation.SIGMOID))
        .hasMessageContaining("layer 1");
  }

  @Test
  void otherActivationsAndWiderNetworksWork() {
    BackpropExample ex =
        new BackpropExample(
            new double[] {0.5, -0.2, 0.1},
            List.<double[][]>of(
                new double[][] {{0.1, 0.2, 0.3}, {-0.3, 0.2, 0.1}},
                new double[][] {{0.5, -0.4}, {0.3, 0.8}}),
            new double[] {0.1, 0.9},
            0.1,
            BackpropExample.Activation.TANH);
    BackpropTrace.Step s = BackpropTrace.run(ex);
    assertThat(s.secondError()).isLessThan(s.error());
    assertThat(BackpropTrace.explain(ex)).contains("unit 4:").contains("δ6").contains("w47");
  }

  @Test
  void theNotesRoundingExplainsTheirLastDigits() {
    String text = BackpropTrace.notesRounding(BackpropExample.notes());
    assertThat(text)
        .contains("exact (no intermediate rounding): δ5 = −0.0407, w45 → 0.8730")
        .contains("notes print δ5 = −0.0406 and w45 → 0.8731 because they round")
        .contains("(0.5000 − 0.69)·0.69·(1 − 0.69)")
        .contains("w45 = 0.9000 + 1.0000·(−0.0406)·0.6637 = 0.8731");
    assertThatThrownBy(
            () ->
                BackpropTrace.notesRounding(
                    new BackpropExample(
                        new double[] {1},
                        java.util.List.<double[][]>of(new double[][] {{1}}),
                        new double[] {0},
                        1,
                        BackpropExample.Activation.SIGMOID)))
        .hasMessageContaining("2-2-1");
  }
}
