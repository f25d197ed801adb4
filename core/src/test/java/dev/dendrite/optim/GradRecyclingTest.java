package dev.dendrite.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.internal.Access;
import dev.dendrite.nn.Linear;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradRecyclingTest {
  private static final Access.TensorData RAW = Access.tensors();

  private static void step(Linear l, Tensor x) {
    l.forward(x).square().sum().backward();
  }

  @Test
  void theNextBackwardWritesIntoTheArrayTheOptimizerForgot() {
    Rng rng = new Rng(1);
    Linear l = new Linear(5, 3, rng);
    Optimizer opt = new Adam(0.1).create(l.parameters());
    Tensor x = Tensor.randn(rng, 4, 5);
    step(l, x);
    Tensor first = l.weight().grad();
    float[] want = first.toArray(), array = RAW.array(first);
    opt.zeroGrad();
    assertThat(l.weight().grad()).isNull();
    step(l, x);
    assertThat(l.weight().grad().toArray()).containsExactly(want);
    assertThat(RAW.array(l.weight().grad())).isSameAs(array);
  }

  @Test
  void onlyTheOptimizersZeroGradRecyclesAndNeverAUsersTensor() {
    Rng rng = new Rng(2);
    Linear l = new Linear(5, 3, rng);
    Optimizer opt = new Adam(0.1).create(l.parameters());
    Tensor x = Tensor.randn(rng, 4, 5);
    step(l, x);
    float[] engineArray = RAW.array(l.weight().grad());
    l.zeroGrad(); // the module's: forgets, keeps nothing
    step(l, x);
    assertThat(RAW.array(l.weight().grad())).isNotSameAs(engineArray);

    Tensor mine = Tensor.zeros(3, 5);
    l.weight().setGrad(mine);
    opt.zeroGrad();
    step(l, x);
    assertThat(RAW.array(l.weight().grad())).isNotSameAs(RAW.array(mine));
    assertThat(mine.toArray()).containsOnly(0f);
  }

  @Test
  void aSecondUseOfTheWeightInOneGraphAddsToTheRecycledGradient() {
    Rng rng = new Rng(3);
    Linear l = new Linear(4, 4, rng);
    Optimizer opt = new Adam(0.1).create(l.parameters());
    Tensor x = Tensor.randn(rng, 2, 4);
    step(l, x);
    opt.zeroGrad(); // keeps the array: the next backward writes one of its two products there
    l.forward(l.forward(x)).sum().backward();
    float[] got = l.weight().grad().toArray();
    l.zeroGrad(); // keeps nothing: both products in new arrays
    l.forward(l.forward(x)).sum().backward();
    assertThat(got).containsExactly(l.weight().grad().toArray());
  }

  @Test
  void clippingScalesAKernelsGradientInPlaceAndAUsersIntoANewTensor() {
    Rng rng = new Rng(4);
    Linear l = new Linear(6, 5, rng);
    Tensor x = Tensor.randn(rng, 8, 6).mul(10f);
    step(l, x);
    Tensor engine = l.weight().grad();
    float[] array = RAW.array(engine), before = engine.toArray();
    Tensor mine = Tensor.ones(5);
    l.bias().setGrad(mine);
    double norm = Clip.gradNorm(l.parameters(), 0.5, 2);
    assertThat(norm).isGreaterThan(0.5);
    float coef = (float) (0.5 / (norm + 1e-6));
    float[] want = Tensor.wrap(before, 5, 6).mul(coef).toArray();
    assertThat(RAW.array(l.weight().grad())).isSameAs(array);
    assertThat(l.weight().grad().toArray()).containsExactly(want);
    assertThat(mine.toArray()).containsOnly(1f);
    assertThat(l.bias().grad().toArray()).containsOnly(coef);
  }
}
