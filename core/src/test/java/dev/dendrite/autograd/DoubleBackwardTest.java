package dev.dendrite.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.nn.Functional;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradients of gradients: {@code createGraph} and {@link Grad#grad}, every op a WGAN-GP critic or
 * generator uses checked by {@link GradCheck#gradgradcheck} against finite differences of its first
 * derivatives, and the error an op without a double backward raises.
 */
class DoubleBackwardTest {
  private static Tensor input(long seed, int... shape) {
    return Tensor.randn(new Rng(seed), shape).requiresGrad(true);
  }

  /** Away from 0, for log, sqrt, div and the kinks of relu and leaky relu. */
  private static Tensor positive(long seed, int... shape) {
    return Tensor.uniform(new Rng(seed), 0.5f, 2f, shape).requiresGrad(true);
  }

  private static void assertGradGrad(String op, Function<Tensor[], Tensor> f, Tensor... inputs) {
    GradCheck.Result r = GradCheck.gradgradcheck(f, inputs);
    assertThat(r.passed()).as(op + ": " + r.failure()).isTrue();
    assertThat(r.checked()).as(op + " elements checked").isPositive();
  }

  /** A module's second derivatives with respect to its input and all its parameters. */
  private static void assertModule(String name, Module m, Tensor x) {
    List<Tensor> in = new ArrayList<>(List.of(x));
    in.addAll(m.parameters());
    // a non-linear function of the output, so that the second derivative of a linear layer's own
    // output is not trivially zero everywhere
    assertGradGrad(name, t -> m.forward(t[0]).tanh(), in.toArray(Tensor[]::new));
  }

  @Test
  void secondDerivativeOfACubeIsSixX() {
    Tensor x = Tensor.of(0.5f, -1f, 2f).requiresGrad(true);
    Tensor y = x.pow(3f).sum();
    Tensor dx = Grad.grad(new Tensor[] {y}, new Tensor[] {x}, null, true, true)[0];
    assertThat(dx.toArray()).containsExactly(0.75f, 3f, 12f); // 3x²
    assertThat(dx.gradFnName()).isNotNull();
    Tensor ddx = Grad.grad(dx.sum(), x, false);
    assertThat(ddx.toArray()).containsExactly(3f, -6f, 12f); // 6x
    assertThat(x.grad()).as("grad() leaves .grad alone").isNull();
  }

  @Test
  void backwardWithCreateGraphAccumulatesDifferentiableGradients() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    x.exp().mul(x).sum().backward(Tensor.scalar(1f), true, true); // d/dx x·eˣ = (1 + x)eˣ
    Tensor g = x.grad();
    assertThat(g.requiresGrad()).isTrue();
    x.zeroGrad();
    g.sum().backward(); // d/dx (1 + x)eˣ = (2 + x)eˣ
    assertThat(x.grad().get(0)).isCloseTo((float) (3 * Math.E), within(1e-4f));
    assertThat(x.grad().get(1)).isCloseTo((float) (4 * Math.exp(2)), within(1e-3f));
  }

  @Test
  void withoutCreateGraphGradientsCarryNoGraph() {
    Tensor x = input(1, 3);
    Tensor g = Grad.grad(new Tensor[] {x.tanh().sum()}, new Tensor[] {x}, null, false, false)[0];
    assertThat(g.requiresGrad()).isFalse();
    assertThat(g.isLeaf()).isTrue();
  }

  @Test
  void gradOfSeveralOutputsAndInputsSumsTheirContributions() {
    Tensor a = input(2, 2, 3), b = input(3, 3);
    Tensor y1 = a.mul(b).sum(1), y2 = a.square().sum();
    Tensor v1 = Tensor.of(1f, -2f);
    Tensor[] g =
        Grad.grad(
            new Tensor[] {y1, y2},
            new Tensor[] {a, b},
            new Tensor[] {v1, Tensor.scalar(3f)},
            false,
            false);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        float want = v1.get(i) * b.get(j) + 6 * a.get(i, j);
        assertThat(g[0].get(i, j)).isCloseTo(want, within(1e-5f));
      }
    }
    for (int j = 0; j < 3; j++)
      assertThat(g[1].get(j)).isCloseTo(a.get(0, j) - 2 * a.get(1, j), within(1e-5f));
  }

  @Test
  void gradOfAnIntermediateTensor() {
    Tensor x = input(4, 3);
    Tensor h = x.mul(2f);
    Tensor y = h.square().sum();
    Tensor gh = Grad.grad(new Tensor[] {y}, new Tensor[] {h}, null, false, false)[0];
    for (int i = 0; i < 3; i++) assertThat(gh.get(i)).isCloseTo(2 * h.get(i), within(1e-5f));
  }

  @Test
  void anUnusedInputIsAnErrorUnlessAllowed() {
    Tensor x = input(5, 2), z = input(6, 2);
    Tensor y = x.sum();
    assertThatThrownBy(() -> Grad.grad(new Tensor[] {y}, new Tensor[] {x, z}, null, false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 1 of shape (2)")
        .hasMessageContaining("not used");
    Tensor[] g = Grad.grad(new Tensor[] {y}, new Tensor[] {x, z}, null, false, false, true);
    assertThat(g[0].toArray()).containsExactly(1f, 1f);
    assertThat(g[1]).isNull();
  }

  @Test
  void elementwiseOpsHaveSecondDerivatives() {
    assertGradGrad("add", t -> t[0].add(t[1]).square(), input(10, 2, 3), input(11, 3));
    assertGradGrad("sub", t -> t[0].sub(t[1]).square(), input(12, 2, 3), input(13, 2, 1));
    assertGradGrad("mul", t -> t[0].mul(t[1]), input(14, 2, 3), input(15, 2, 3));
    assertGradGrad("div", t -> t[0].div(t[1]), input(16, 2, 3), positive(17, 3));
    assertGradGrad("neg", t -> t[0].neg().mul(t[0]), input(18, 4));
    assertGradGrad("pow scalar", t -> t[0].pow(3f), input(19, 4));
    assertGradGrad("pow tensor", t -> t[0].pow(t[1]), positive(20, 4), input(21, 4));
    assertGradGrad("square", t -> t[0].square().mul(t[0]), input(22, 4));
    assertGradGrad("sqrt", t -> t[0].sqrt(), positive(23, 4));
    assertGradGrad("exp", t -> t[0].exp(), input(24, 4));
    assertGradGrad("log", t -> t[0].log(), positive(25, 4));
    assertGradGrad("mul by scalar", t -> t[0].mul(3f).square(), input(26, 4));
  }

  @Test
  void activationsHaveSecondDerivatives() {
    Tensor mixed = Tensor.of(-1.5f, -0.7f, 0.6f, 1.2f, -0.4f, 0.9f).requiresGrad(true);
    assertGradGrad("relu", t -> t[0].relu().mul(t[0]), mixed);
    assertGradGrad("sigmoid", t -> t[0].sigmoid(), input(30, 5));
    assertGradGrad("tanh", t -> t[0].tanh(), input(31, 5));
    assertGradGrad("leaky relu", t -> Functional.leakyRelu(t[0], 0.2f).square(), mixed);
  }

  @Test
  void reductionsAndViewsHaveSecondDerivatives() {
    assertGradGrad("sum", t -> t[0].sum(1).square(), input(40, 2, 3));
    assertGradGrad("sum all", t -> t[0].sum().mul(t[0]), input(41, 2, 3));
    assertGradGrad("mean", t -> t[0].mean(0, true).mul(t[0]), input(42, 3, 2));
    assertGradGrad("reshape", t -> t[0].reshape(3, 2).square().tanh(), input(43, 2, 3));
    assertGradGrad("transpose", t -> t[0].t().matmul(t[0]), input(44, 2, 3));
    assertGradGrad(
        "expand", t -> t[0].expand(3, 4).mul(t[1]).tanh(), input(45, 1, 4), input(46, 3, 4));
    assertGradGrad("flatten", t -> t[0].flatten(1, 2).square().sum(1), input(47, 2, 2, 2));
    assertGradGrad("slice", t -> t[0].slice(1, 1, 4, 2).square(), input(48, 2, 5));
    Tensor idx = Tensor.of(new float[] {2, 0, 0, 1, 1, 1}, 2, 3);
    assertGradGrad("gather", t -> t[0].gather(1, idx).square().tanh(), input(51, 2, 3));
    assertGradGrad(
        "cross-entropy",
        t -> new dev.dendrite.nn.loss.CrossEntropyLoss().apply(t[0], Tensor.of(2f, 0f)),
        input(52, 2, 3));
    assertGradGrad(
        "cat", t -> Tensor.cat(0, t[0], t[1]).square().tanh(), input(49, 2), input(50, 3));
  }

  @Test
  void matmulAndLinearHaveSecondDerivatives() {
    assertGradGrad("matmul", t -> t[0].matmul(t[1]).tanh(), input(60, 2, 3), input(61, 3, 4));
    assertModule("Linear", new Linear(3, 2, new Rng(62)), input(63, 4, 3));
  }

  @Test
  void convolutionsHaveSecondDerivatives() {
    assertModule("Conv2d", new Conv2d(2, 3, 3, 1, 1, new Rng(70)), input(71, 2, 2, 4, 4));
    assertModule(
        "Conv2d stride 2, groups 2, dilation 2",
        new Conv2d(2, 4, 2, 3, 2, 1, 2, 2, true, new Rng(72)),
        input(73, 1, 2, 6, 5));
    assertModule(
        "ConvTranspose2d", new ConvTranspose2d(2, 3, 3, 2, 1, new Rng(74)), input(75, 2, 2, 3, 3));
    assertModule(
        "ConvTranspose2d stride 2, groups 2, output padding 1",
        new ConvTranspose2d(4, 2, 3, 2, 2, 1, 1, 1, 2, true, new Rng(76)),
        input(77, 1, 4, 3, 3));
  }

  @Test
  void theFusedConvolutionWithReluHasSecondDerivatives() {
    Conv2d conv = new Conv2d(2, 2, 3, 1, 0, new Rng(80));
    Tensor x = input(81, 1, 2, 4, 4);
    Tensor w = conv.parameters().get(0), b = conv.parameters().get(1);
    assertGradGrad(
        "conv2d+relu",
        t ->
            dev.dendrite.ops.Convolution.conv(
                    t[0],
                    t[1],
                    t[2],
                    dev.dendrite.ops.Convolution.Window.symmetric(3, 3, 1, 1, 0, 0, 1, 1),
                    1,
                    true)
                .square(),
        x,
        w,
        b);
  }

  @Test
  void anOpWithoutDoubleBackwardFailsByNameWhenDifferentiatedTwice() {
    Tensor x = input(90, 1, 1, 4, 4);
    Tensor y = new MaxPool2d(2).forward(x).square().sum();
    Tensor g = Grad.grad(new Tensor[] {y}, new Tensor[] {x}, null, true, true)[0];
    // the first derivative itself is right
    Tensor pooled = new MaxPool2d(2).forward(x.detach());
    float total = 0;
    for (float v : g.toArray()) total += v;
    float want = 0;
    for (float v : pooled.toArray()) want += 2 * v;
    assertThat(total).isCloseTo(want, within(1e-4f));
    assertThatThrownBy(() -> g.sum().backward())
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("double backward is not implemented for maxpool2d");
  }

  @Test
  void gradgradcheckCatchesAWrongDoubleBackward() {
    // y = x³ with a correct first derivative but a double-backward rule off by a factor
    Function<Tensor[], Tensor> cube =
        t -> {
          Tensor x = t[0];
          Tensor y;
          try (var off = Grad.disabled()) {
            y = x.pow(3f);
          }
          return Tensor.custom(
              "cube",
              y,
              new Tensor[] {x},
              new Tensor[] {x},
              g -> new Tensor[] {g.mul(x.square()).mul(3f)},
              g -> new Tensor[] {g.mul(x.square()).mul(2f)});
        };
    Tensor x = input(95, 3);
    assertThat(GradCheck.check(cube, x).passed()).isTrue();
    GradCheck.Result r = GradCheck.gradgradcheck(cube, x);
    assertThat(r.passed()).isFalse();
    assertThat(r.failure()).contains("second derivative");
  }

  @Test
  void ordinaryBackwardRunsTheFastRuleOnly() {
    // the differentiable rule must not run (nor cost anything) unless a graph is asked for
    Tensor x = input(96, 3);
    Function<Tensor, Tensor> op =
        in -> {
          Tensor y;
          try (var off = Grad.disabled()) {
            y = in.mul(2f);
          }
          return Tensor.custom(
              "double",
              y,
              new Tensor[] {in},
              new Tensor[0],
              g -> new Tensor[] {g.mul(2f)},
              g -> {
                throw new AssertionError("differentiable rule ran in ordinary backward");
              });
        };
    op.apply(x).sum().backward();
    assertThat(x.grad().toArray()).containsExactly(2f, 2f, 2f);
    assertThat(x.grad().requiresGrad()).isFalse();
    Tensor g = Grad.grad(new Tensor[] {op.apply(x).sum()}, new Tensor[] {x}, null, false, false)[0];
    assertThat(g.toArray()).containsExactly(2f, 2f, 2f);
    assertThatThrownBy(() -> op.apply(x).sum().backward(Tensor.scalar(1f), false, true))
        .isInstanceOf(AssertionError.class);
  }
}
