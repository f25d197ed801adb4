package dev.dendrite.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Parameter;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PerceptronTest {
  static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

  @Test
  void learnsAndAndOr() {
    for (int[] t : new int[][] {{0, 0, 0, 1}, {0, 1, 1, 1}}) {
      Perceptron p = new Perceptron(2, 0.1);
      Perceptron.Result r = p.fit(X, t, 100, null);
      assertThat(r.converged()).isTrue();
      for (int i = 0; i < 4; i++) assertThat(p.predict(X[i])).isEqualTo(t[i]);
      assertThat(r.verdict()).contains("converged");
    }
  }

  @Test
  void followsThePerceptronRuleStepByStep() {
    Perceptron p = new Perceptron(2, 1.0);
    Perceptron.Result r = p.fit(new double[][] {{1, 1}}, new int[] {0}, 10, null);
    // step(0) = 1 ≠ 0: w ← w + 1·(0 − 1)·(1, 1), b ← b − 1; then step(−3) = 0: done.
    assertThat(r.epochs().get(0).weights()).containsExactly(-1, -1);
    assertThat(r.epochs().get(0).bias()).isEqualTo(-1);
    assertThat(r.epochs()).hasSize(2);
  }

  @Test
  void stopsOnXorAndSaysItIsNotLinearlySeparable() {
    Perceptron p = new Perceptron(2, 0.1);
    Perceptron.Result r = p.fit(X, new int[] {0, 1, 1, 0}, 50, new Rng(1));
    assertThat(r.converged()).isFalse();
    assertThat(r.epochs()).hasSize(50);
    assertThat(r.epochs().get(49).errors()).isPositive();
    assertThat(r.verdict()).contains("not linearly separable");
  }

  @Test
  void anMlpLearnsXorWhereThePerceptronCannot() {
    Rng rng = new Rng(2);
    Linear l1 = new Linear(2, 4, rng), l2 = new Linear(4, 1, rng);
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
        t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    for (int step = 0; step < 2000; step++) {
      Tensor y = l2.forward(l1.forward(x).tanh()).sigmoid();
      Tensor loss = y.sub(t).square().mean();
      loss.backward();
      try (var off = Grad.disabled()) {
        for (Parameter p : java.util.List.of(l1.weight(), l1.bias(), l2.weight(), l2.bias())) {
          p.addInPlace(-0.5f, p.grad());
          p.zeroGrad();
        }
      }
    }
    try (var off = Grad.disabled()) {
      float[] y = l2.forward(l1.forward(x).tanh()).sigmoid().toArray();
      assertThat(y[0]).isLessThan(0.2f);
      assertThat(y[1]).isGreaterThan(0.8f);
      assertThat(y[2]).isGreaterThan(0.8f);
      assertThat(y[3]).isLessThan(0.2f);
    }
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> new Perceptron(2, 0.1).fit(X, new int[] {0, 1, 2, 0}, 5, null))
        .hasMessageContaining("example 2");
    assertThatThrownBy(() -> new Perceptron(3, 0.1).predict(new double[] {1, 2}))
        .hasMessageContaining("expected 3 inputs");
  }
}
