package dev.dendrite.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The fused leaky ReLU against the composition where(x > 0, x, slope·x) it replaces. */
class LeakyReluKernelTest {
  private static final float SLOPE = 0.2f;

  /** 1,000 values (not a multiple of any vector length) with zeros, ±0, NaN and ±inf among them. */
  private static float[] values() {
    Rng rng = new Rng(5);
    float[] v = Tensor.randn(rng, 1000).mul(3f).toArray();
    v[0] = 0f;
    v[1] = -0f;
    v[2] = Float.NaN;
    v[3] = Float.POSITIVE_INFINITY;
    v[4] = Float.NEGATIVE_INFINITY;
    v[999] = -1.5f; // in the scalar tail
    return v;
  }

  /** The forward's values and the gradient of sum(y·u) for each implementation. */
  private static float[][] run(BiFunction<Tensor, Float, Tensor> f) {
    Tensor x = Tensor.of(values(), 10, 100).requiresGrad(true);
    Tensor u = Tensor.randn(new Rng(9), 10, 100);
    Tensor y = f.apply(x, SLOPE);
    y.mul(u).sum().backward();
    return new float[][] {y.toArray(), x.grad().toArray()};
  }

  @Test
  void sameValuesAndGradientsBitForBitAsTheComposition() {
    float[][] fused = run(Activations::leakyRelu), ref = run(Functional::leakyRelu);
    // −0 stays −0, as in PyTorch; the composition's slope·x (an fma with + 0) turned it into +0.
    assertThat(Float.floatToIntBits(fused[0][1])).isEqualTo(Float.floatToIntBits(-0f));
    assertThat(Float.floatToIntBits(ref[0][1])).isEqualTo(Float.floatToIntBits(0f));
    ref[0][1] = -0f;
    for (int k = 0; k < 2; k++)
      for (int i = 0; i < fused[k].length; i++)
        assertThat(Float.floatToIntBits(fused[k][i]))
            .as("%s at %d", k == 0 ? "value" : "gradient", i)
            .isEqualTo(Float.floatToIntBits(ref[k][i]));
    assertThat(fused[0][2]).isNaN();
    assertThat(fused[0][4]).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(fused[0][999]).isEqualTo(-1.5f * SLOPE);
  }

  @Test
  void theLayerUsesTheKernelAndStaysTwiceDifferentiable() {
    Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0.3f, 1.7f, -0.1f, 4f}, 2, 3).requiresGrad(true);
    Tensor y = new LeakyReLU(SLOPE).forward(x);
    assertThat(y.toArray())
        .containsExactly(-2f * SLOPE, -0.5f * SLOPE, 0.3f, 1.7f, -0.1f * SLOPE, 4f);
    // A gradient penalty through Linear → LeakyReLU → Linear, with the weights' second derivatives.
    Rng rng = new Rng(3);
    Linear a = new Linear(3, 4, rng), b = new Linear(4, 1, rng);
    GradCheck.Result r =
        GradCheck.gradgradcheck(t -> b.forward(new LeakyReLU(SLOPE).forward(a.forward(t[0]))), x);
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void penaltyGradientMatchesTheComposition() {
    float[][] fused = penalty(Activations::leakyRelu), ref = penalty(Functional::leakyRelu);
    assertThat(fused[0]).containsExactly(ref[0]);
    assertThat(Math.abs(fused[0][0])).isGreaterThan(0f);
  }

  /** d/dW of ‖∇ₓ sum(v·leaky(W x))‖²: needs the backward recorded as a graph. */
  private static float[][] penalty(BiFunction<Tensor, Float, Tensor> f) {
    Rng rng = new Rng(11);
    Tensor x = Tensor.randn(rng, 5, 3).requiresGrad(true);
    Tensor w = Tensor.randn(rng, 3, 4).requiresGrad(true);
    Tensor v = Tensor.randn(rng, 4);
    Tensor out = f.apply(x.matmul(w), SLOPE).mul(v).sum();
    Tensor gx = Grad.grad(out, x, true);
    gx.square().sum().backward();
    return new float[][] {w.grad().toArray()};
  }
}
