package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Linear (+ ReLU) as one op gives the values and gradients of the product, the addition and the
 * activation in turn, bit for bit, including second derivatives.
 */
class LinearFusionTest {
  @Test
  void linearAndReLUFusedGiveTheSameValuesAndGradientsBitForBit() {
    Rng rng = new Rng(5);
    // 130 × 40 → 260 runs the bias pass on both threads; 3 × 5 → 7 is all tails.
    int[][] sizes = {{3, 5, 7}, {9, 33, 17}, {64, 300, 128}, {130, 40, 260}};
    for (int[] s : sizes) {
      Linear lin = new Linear(s[1], s[2], rng);
      Tensor x = Tensor.randn(rng, s[0], s[1]);
      Tensor up = Tensor.randn(rng, s[0], s[2]);
      Tensor[] fused = outputAndGradients(new Sequential(lin, new ReLU())::forward, lin, x, up);
      Tensor[] apart =
          outputAndGradients(in -> in.matmul(lin.weight().t()).add(lin.bias()).relu(), lin, x, up);
      assertThat(fused[0].toArray()).as("some outputs are zero").contains(0f);
      for (int i = 0; i < fused.length; i++)
        assertThat(fused[i].toArray())
            .as("tensor " + i + " at " + java.util.Arrays.toString(s))
            .containsExactly(apart[i].toArray());
      Tensor[] plain = outputAndGradients(lin::forward, lin, x, up);
      Tensor[] plainApart =
          outputAndGradients(in -> in.matmul(lin.weight().t()).add(lin.bias()), lin, x, up);
      for (int i = 0; i < plain.length; i++)
        assertThat(plain[i].toArray()).containsExactly(plainApart[i].toArray());
    }
  }

  @Test
  void theFusedOpIsOneNodeAndOnlyInASequential() {
    Rng rng = new Rng(6);
    Linear lin = new Linear(4, 3, rng);
    Tensor x = Tensor.randn(rng, 2, 4).requiresGrad(true);
    assertThat(new Sequential(lin, new ReLU()).forward(x).gradFnName()).isEqualTo("linear_relu");
    assertThat(lin.forward(x).gradFnName()).isEqualTo("linear");
    assertThat(new Sequential(lin, new ReLU()).stateDict().keySet())
        .containsExactly("0.weight", "0.bias");
    // Inputs of more than two dimensions take the general path, with the same values.
    Tensor x3 = Tensor.randn(rng, 2, 3, 4);
    Tensor flat = new Sequential(lin, new ReLU()).forward(x3.reshape(6, 4));
    assertThat(new Sequential(lin, new ReLU()).forward(x3).reshape(6, 3).toArray())
        .containsExactly(flat.toArray());
  }

  @Test
  void passesGradCheckAndGradGradCheck() {
    Rng rng = new Rng(7);
    Sequential net = new Sequential(new Linear(4, 6, rng), new ReLU(), new Linear(6, 2, rng));
    Tensor x = Tensor.randn(rng, 3, 4).requiresGrad(true);
    assertThat(GradCheck.check(in -> net.forward(in[0]), x).passed()).isTrue();
    Linear lin = new Linear(4, 3, false, rng);
    assertThat(GradCheck.gradgradcheck(in -> lin.forward(in[0]).square(), x).passed()).isTrue();
    // d/dW of a penalty on ∂y/∂x, as WGAN-GP takes it, through the fused op and apart.
    Linear a = new Linear(4, 5, rng);
    float[] fused = penaltyGradient(a, new Sequential(a, new ReLU())::forward, x);
    float[] apart = penaltyGradient(a, in -> in.matmul(a.weight().t()).add(a.bias()).relu(), x);
    assertThat(fused).containsExactly(apart);
  }

  private static float[] penaltyGradient(Linear lin, UnaryOperator<Tensor> f, Tensor x0) {
    lin.zeroGrad();
    Tensor x = x0.detach().requiresGrad(true);
    Tensor y = f.apply(x).square().sum();
    Tensor gx = Grad.grad(y, x, true);
    gx.square().sum().backward();
    return lin.weight().grad().toArray();
  }

  private static Tensor[] outputAndGradients(
      UnaryOperator<Tensor> f, Linear lin, Tensor x, Tensor up) {
    lin.zeroGrad();
    Tensor xg = x.detach().requiresGrad(true);
    Tensor y = f.apply(xg);
    y.backward(up);
    return new Tensor[] {y.detach(), xg.grad(), lin.weight().grad(), lin.bias().grad()};
  }
}
