package dev.dendrite.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.recurrent.LSTM;
import dev.dendrite.nn.recurrent.RNN;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class VanishingGradientsTest {
  @Test
  void theRnnForgetsAHundredStepsBackTheBiasedLstmDoesNot() {
    List<VanishingGradients.Flow> f = VanishingGradients.compare(100, 8, 64, 16, 1);
    double[] rnn = f.get(0).norms(), lstm = f.get(1).norms(), biased = f.get(2).norms();
    for (var flow : f)
      System.out.printf(
          "%-20s t=0 %.2e, t=50 %.2e, t=99 %.2e%n",
          flow.model(), flow.norms()[0], flow.norms()[50], flow.norms()[99]);
    assertThat(rnn[99]).isGreaterThan(0.1);
    assertThat(rnn[0])
        .isLessThan(1e-12 * rnn[99]); // orders of magnitude; it may underflow to 0 in float32
    assertThat(rnn[50]).isLessThan(1e-6 * rnn[99]);
    assertThat(biased[0]).isGreaterThan(1e-9 * biased[99]); // the biased LSTM still reaches t = 0
    assertThat(biased[0] / biased[99]).isGreaterThan(1e6 * Math.max(rnn[0] / rnn[99], 1e-38));
    assertThat(biased[50] / biased[99])
        .isGreaterThan(1e3 * (lstm[50] / lstm[99])); // the bias is what carries it
  }

  @Test
  void theNormsAreTheInputGradientOfTheLastStep() {
    // One step back in a 1-unit RNN: L = tanh(w·x₁ + u·tanh(w·x₀ + b) + b'), so ∂L/∂x₀ = (1 −
    // h₁²)·u·(1 − h₀²)·w.
    RNN rnn = new RNN(1, 1, new Rng(3));
    float w = rnn.namedParameters().get("weight_ih_l0").item(),
        u = rnn.namedParameters().get("weight_hh_l0").item();
    float b =
        rnn.namedParameters().get("bias_ih_l0").item()
            + rnn.namedParameters().get("bias_hh_l0").item();
    Tensor x = Tensor.of(new float[] {0.5f, -1.2f}, 2, 1, 1);
    double h0 = Math.tanh(w * 0.5 + b), h1 = Math.tanh(w * -1.2 + u * h0 + b);
    double[] n = VanishingGradients.norms(rnn, x);
    assertThat(n[1]).isCloseTo(Math.abs((1 - h1 * h1) * w), within(1e-6));
    assertThat(n[0]).isCloseTo(Math.abs((1 - h1 * h1) * u * (1 - h0 * h0) * w), within(1e-6));
    LSTM l = new LSTM(2, 3, new Rng(1));
    float before = l.namedParameters().get("bias_ih_l0").get(4);
    VanishingGradients.addForgetBias(l, 1f);
    assertThat(l.namedParameters().get("bias_ih_l0").get(4))
        .isEqualTo(before + 1f); // rows 3..5 are the forget gate
  }
}
