package dev.dendrite.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.nn.regularization.Dropout2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convolutional layers beyond Conv2d: finite-difference gradients, Dropout2d's masks, specs and
 * shape errors.
 */
class ConvLayersTest {
  private static final GradCheck.Options LOOSE =
      GradCheck.Options.defaults().withTolerance(2e-2, 2e-2);

  /** The input and every parameter of {@code m}, checked against central differences. */
  private static void gradCheck(Module m, Tensor x) {
    Tensor[] inputs = new Tensor[1 + m.parameters().size()];
    inputs[0] = x.requiresGrad(true);
    for (int i = 0; i < m.parameters().size(); i++) inputs[i + 1] = m.parameters().get(i);
    GradCheck.Result r = GradCheck.check(LOOSE, in -> m.forward(in[0]), inputs);
    assertThat(r.passed()).as(m + ": " + r.failure()).isTrue();
    assertThat(r.checked()).isEqualTo(Arrays.stream(inputs).mapToInt(Tensor::numel).sum());
  }

  @Test
  void convolutionsPassGradCheckOnInputAndParameters() {
    Rng rng = new Rng(11);
    gradCheck(new Conv1d(4, 2, 3, 2, 1, 1, 2, true, rng), Tensor.randn(rng, 2, 4, 7));
    gradCheck(Conv1d.same(2, 3, 4, 2, 1, true, rng), Tensor.randn(rng, 1, 2, 8));
    gradCheck(Conv2d.same(2, 2, 2, 3, 1, 1, true, rng), Tensor.randn(rng, 1, 2, 4, 5));
    gradCheck(
        new ConvTranspose2d(4, 2, 3, 3, 2, 1, 1, 1, 2, true, rng), Tensor.randn(rng, 1, 4, 3, 2));
    gradCheck(
        new ConvTranspose2d(2, 3, 2, 2, 1, 0, 1, 2, 1, false, rng), Tensor.randn(rng, 2, 2, 2, 3));
  }

  @Test
  void aConv2dFollowedByReLUIsFusedWithTheSameValuesAndGradients() {
    Rng rng = new Rng(21);
    Conv2d[] convs = {
      new Conv2d(3, 4, 3, 1, 1, rng), new Conv2d(4, 6, 3, 2, 2, 1, 1, 2, true, rng)
    };
    int[] channels = {3, 4};
    for (int t = 0; t < convs.length; t++) {
      Conv2d conv = convs[t];
      Tensor x =
          Tensor.randn(
              rng,
              11,
              channels[t],
              6,
              5); // 11 images: more than the backward's 8 chunks, one of them short
      Tensor up = Tensor.randn(rng, conv.outputShape(x.shape()));
      Tensor[] fused = outputAndGradients(new Sequential(conv, new ReLU())::forward, conv, x, up);
      Tensor[] apart = outputAndGradients(in -> new ReLU().forward(conv.forward(in)), conv, x, up);
      assertThat(fused[0].toArray()).as("some outputs are zero").contains(0f);
      for (int i = 0; i < fused.length; i++)
        assertThat(fused[i].toArray()).as("tensor " + i).containsExactly(apart[i].toArray());
      gradCheck(new Sequential(conv, new ReLU()), awayFromTheKink(conv, rng, 1, channels[t], 5, 4));
    }
  }

  @Test
  void fusingKeepsTheLayersAsChildrenAndFusesOnlyInASequential() {
    Rng rng = new Rng(23);
    Conv2d conv = new Conv2d(1, 2, 3, 1, 1, rng);
    Sequential s =
        new Sequential(
            conv, new ReLU(), new MaxPool2d(2), new Conv2d(2, 2, 3, 1, 1, rng), new ReLU());
    assertThat(s.children()).hasSize(5);
    assertThat(s.stateDict().keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias");
    assertThat(s.outputShape(new int[] {2, 1, 6, 6})).containsExactly(2, 2, 3, 3);
    Tensor x = Tensor.randn(rng, 2, 1, 6, 6).requiresGrad(true);
    assertThat(new Sequential(conv, new ReLU(), new MaxPool2d(2)).forward(x).gradFnName())
        .isEqualTo("conv2d+relu+maxpool2d");
    assertThat(new Sequential(conv, new ReLU(), new AvgPool2d(2)).forward(x).gradFnName())
        .isEqualTo("avgpool2d");
    assertThat(new Sequential(conv, new ReLU()).forward(x).gradFnName()).isEqualTo("conv2d+relu");
    assertThat(new Sequential(conv, new MaxPool2d(2)).forward(x).gradFnName())
        .isEqualTo("maxpool2d");
    assertThat(conv.forward(x).gradFnName()).as("a layer called on its own").isEqualTo("conv2d");
  }

  @Test
  void aConv2dReLUAndMaxPoolAreFusedWithTheSameValuesAndGradients() {
    Rng rng = new Rng(22);
    Conv2d conv = new Conv2d(3, 5, 3, 1, 1, rng);
    // 2×2 windows (the vector path, with an odd 7×5 map), and overlapping 3×3 windows of stride 2
    // with padding
    for (MaxPool2d pool : new MaxPool2d[] {new MaxPool2d(2), new MaxPool2d(3, 2, 1)}) {
      Tensor x = Tensor.randn(rng, 10, 3, 7, 5);
      Tensor up = Tensor.randn(rng, pool.outputShape(conv.outputShape(x.shape())));
      Tensor[] fused =
          outputAndGradients(new Sequential(conv, new ReLU(), pool)::forward, conv, x, up);
      Tensor[] apart =
          outputAndGradients(in -> pool.forward(new ReLU().forward(conv.forward(in))), conv, x, up);
      assertThat(fused[0].shape()).containsExactly(up.shape());
      assertThat(fused[0].toArray()).as("some pooled outputs are zero").contains(0f);
      for (int i = 0; i < fused.length; i++)
        assertThat(fused[i].toArray())
            .as(pool + ", tensor " + i)
            .containsExactly(apart[i].toArray());
      gradCheck(new Sequential(conv, new ReLU(), pool), awayFromTheKink(conv, rng, 1, 3, 4, 4));
    }
  }

  /**
   * An input whose convolution outputs are all at least 0.01 from 0, so that differences of step
   * 1e-3 (changing an output by under 0.005) do not cross ReLU's kink.
   */
  private static Tensor awayFromTheKink(Conv2d conv, Rng rng, int... shape) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      Tensor x = Tensor.randn(rng, shape);
      float nearest = Float.MAX_VALUE;
      for (float v : conv.forward(x).toArray()) nearest = Math.min(nearest, Math.abs(v));
      if (nearest > 0.01f) return x;
    }
    throw new AssertionError("no input away from the kink");
  }

  /** The output, then the gradients of x, weight and bias, for the upstream gradient {@code up}. */
  private static Tensor[] outputAndGradients(
      java.util.function.UnaryOperator<Tensor> f, Conv2d conv, Tensor x, Tensor up) {
    conv.zeroGrad();
    Tensor xg = x.detach().requiresGrad(true);
    Tensor y = f.apply(xg);
    y.backward(up);
    return new Tensor[] {
      y.detach(), xg.grad(), conv.parameters().get(0).grad(), conv.parameters().get(1).grad()
    };
  }

  @Test
  void poolingAndNormalisationPassGradCheck() {
    Rng rng = new Rng(12);
    gradCheck(new AdaptiveAvgPool2d(3, 2), Tensor.randn(rng, 2, 2, 7, 5));
    gradCheck(new AdaptiveAvgPool2d(4, 3), Tensor.randn(rng, 1, 2, 3, 2));
    gradCheck(new GlobalAvgPool(), Tensor.randn(rng, 2, 3, 3, 4));
    BatchNorm2d bn = new BatchNorm2d(3);
    try (var off = dev.dendrite.autograd.Grad.disabled()) {
      bn.parameters().get(0).copyFrom(Tensor.uniform(rng, 0.5f, 1.5f, 3));
      bn.parameters().get(1).copyFrom(Tensor.randn(rng, 3));
    }
    gradCheck(bn, Tensor.randn(rng, 3, 3, 2, 3)); // training: through the batch statistics
    bn.eval();
    gradCheck(bn, Tensor.randn(rng, 2, 3, 2, 2)); // evaluation: running statistics are constants
    gradCheck(new BatchNorm2d(2, 1e-5f, 0.1f, false, false), Tensor.randn(rng, 2, 2, 3, 2));
    Tensor x = Tensor.randn(rng, 3, 4, 2, 2).requiresGrad(true);
    // A fresh, equally seeded Dropout2d per call: every evaluation draws the same mask.
    GradCheck.Result r =
        GradCheck.check(LOOSE, in -> new Dropout2d(0.4f, new Rng(3)).forward(in[0]), x);
    assertThat(r.passed()).as(r.failure()).isTrue();
  }

  @Test
  void dropout2dZeroesWholeChannelsAndScalesTheRest() {
    float p = 0.3f;
    Rng rng = new Rng(21);
    Tensor x = Tensor.uniform(rng, 1f, 2f, 64, 32, 4, 5).requiresGrad(true); // no zeros of its own
    Dropout2d drop = new Dropout2d(p, new Rng(5));
    Tensor y = drop.forward(x);
    float[] xv = x.toArray(), yv = y.toArray();
    int planes = 64 * 32, plane = 20, dropped = 0;
    for (int q = 0; q < planes; q++) {
      boolean zero = yv[q * plane] == 0f;
      if (zero) dropped++;
      for (int i = q * plane; i < (q + 1) * plane; i++) {
        assertThat(yv[i]).as("element " + i).isEqualTo(zero ? 0f : xv[i] * (1f / (1 - p)));
      }
    }
    double rate = (double) dropped / planes, sigma = Math.sqrt(p * (1 - p) / planes);
    assertThat(rate).isCloseTo(p, within(4 * sigma)); // ±4σ of a binomial proportion
    y.sum().backward();
    float[] g = x.grad().toArray();
    for (int i = 0; i < g.length; i++) assertThat(g[i]).isEqualTo(yv[i] == 0f ? 0f : 1f / (1 - p));
    Tensor again = new Dropout2d(p, new Rng(5)).forward(x.detach());
    assertThat(again.toArray()).as("the same seed, the same mask").containsExactly(y.toArray());
    drop.eval();
    assertThat(drop.forward(x)).as("identity in evaluation").isSameAs(x);
    assertThat(new Dropout2d(0f, rng).forward(x)).isSameAs(x);
    assertThatThrownBy(() -> new Dropout2d(1f, rng)).hasMessageContaining("[0, 1)");
  }

  @Test
  void specsRoundTripAndGiveTheOutputShape() {
    Rng rng = new Rng(31);
    record Case(Module m, int[] in, int[] out) {}
    List<Case> cases =
        List.of(
            new Case(
                new Conv1d(4, 6, 3, 2, 1, 2, 2, false, rng),
                new int[] {2, 4, 20},
                new int[] {2, 6, 9}),
            new Case(
                Conv1d.same(3, 5, 4, 1, 1, true, rng), new int[] {2, 3, 11}, new int[] {2, 5, 11}),
            new Case(
                Conv2d.same(3, 8, 2, 5, 2, 1, true, rng),
                new int[] {1, 3, 9, 7},
                new int[] {1, 8, 9, 7}),
            new Case(
                new ConvTranspose2d(4, 6, 3, 2, 2, 1, 1, 1, 2, true, rng),
                new int[] {2, 4, 5, 6},
                new int[] {2, 6, 10, 11}),
            new Case(
                new ConvTranspose2d(2, 2, 3, 3, 1, 0, 1, 2, 1, false, rng),
                new int[] {1, 2, 4, 4},
                new int[] {1, 2, 9, 9}),
            new Case(new AdaptiveAvgPool2d(3, 2), new int[] {2, 5, 7, 5}, new int[] {2, 5, 3, 2}),
            new Case(new GlobalAvgPool(), new int[] {4, 7, 3, 3}, new int[] {4, 7}),
            new Case(new GlobalAvgPool(false), new int[] {4, 7, 3, 3}, new int[] {4, 7, 1, 1}),
            new Case(
                new BatchNorm2d(5, 1e-3f, 0.2f, false, true),
                new int[] {2, 5, 3, 3},
                new int[] {2, 5, 3, 3}),
            new Case(new BatchNorm2d(5), new int[] {2, 5, 3, 3}, new int[] {2, 5, 3, 3}),
            new Case(new Dropout2d(0.25f, rng), new int[] {2, 5, 3, 3}, new int[] {2, 5, 3, 3}));
    for (Case c : cases) {
      Map<String, Object> spec = c.m().spec();
      Module back = ModelSpec.build(Json.parse(Json.write(spec)), new Rng(1));
      assertThat(back.spec()).as(c.m() + " spec").isEqualTo(spec);
      assertThat(back.toString()).isEqualTo(c.m().toString());
      assertThat(back.outputShape(c.in())).as(c.m() + " output shape").containsExactly(c.out());
      assertThat(c.m().forward(Tensor.zeros(c.in())).shape())
          .as(c.m() + " forward shape")
          .containsExactly(c.out());
      for (var e : c.m().stateDict().entrySet()) {
        assertThat(back.stateDict().get(e.getKey()).shape())
            .as(c.m() + " " + e.getKey())
            .containsExactly(e.getValue().shape());
      }
    }
    assertThat(
            new ConvTranspose2d(4, 6, 3, 2, 2, 1, 1, 1, 2, true, rng).parameters().get(0).shape())
        .containsExactly(4, 3, 3, 2);
    assertThat(
            ModelSpec.parse("{\"type\": \"AdaptiveAvgPool2d\", \"output\": 4}", rng)
                .outputShape(new int[] {1, 2, 9, 9}))
        .containsExactly(1, 2, 4, 4);
  }

  @Test
  void aModelOfTheNewLayersSurvivesTheArchive(@TempDir Path dir) throws Exception {
    Rng rng = new Rng(33);
    Module m =
        new Sequential(
            new Conv1d(2, 4, 3, 1, 1, 1, 1, true, rng),
            new Unflatten(4, 1, 9),
            Conv2d.same(4, 4, 1, 3, 1, 2, true, rng),
            new BatchNorm2d(4),
            new ConvTranspose2d(4, 3, 2, 2, 2, 0, 1, 1, 1, true, rng),
            new Dropout2d(0.3f, rng),
            new AdaptiveAvgPool2d(2, 3),
            new GlobalAvgPool());
    m.forward(
        Tensor.randn(
            rng, 5, 2, 9)); // a training step, so the running statistics are not the initial ones
    m.eval();
    Path f = dir.resolve("conv.dnd");
    ModelArchive.save(f, m, Map.of());
    Module back = ModelArchive.load(f).eval();
    assertThat(back.spec()).isEqualTo(m.spec());
    assertThat(back.stateDict().keySet()).containsExactlyElementsOf(m.stateDict().keySet());
    Tensor x = Tensor.randn(rng, 3, 2, 9);
    assertThat(back.forward(x).toArray()).containsExactly(m.forward(x).toArray());
    assertThat(back.outputShape(x.shape())).containsExactly(3, 3);
  }

  @Test
  void badShapesAreReportedAtBuildTimeNamingTheLayer() {
    Rng rng = new Rng(41);
    Sequential net =
        new Sequential(
            Conv2d.same(3, 8, 3, 3, 1, 1, true, rng), new BatchNorm2d(4), new GlobalAvgPool());
    assertThatThrownBy(() -> net.outputShape(new int[] {2, 3, 8, 8}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 1 (BatchNorm2d(4")
        .hasMessageContaining("needs (N, 4, H, W), got (2, 8, 8, 8)");
    assertThatThrownBy(() -> net.summary(2, 3, 8, 8))
        .hasMessageContaining("layer 1 (BatchNorm2d(4");
    String table =
        new Sequential(
                Conv2d.same(3, 8, 3, 3, 1, 1, true, rng),
                new BatchNorm2d(8),
                new ConvTranspose2d(8, 4, 2, 2, 0, rng),
                new AdaptiveAvgPool2d(5, 5),
                new Dropout2d(0.1f, rng),
                new GlobalAvgPool())
            .summary(2, 3, 8, 8);
    assertThat(table).contains("(2, 8, 8, 8)", "(2, 4, 16, 16)", "(2, 4, 5, 5)", "(2, 4)");
    assertThatThrownBy(() -> new Conv1d(3, 4, 3, rng).forward(Tensor.zeros(2, 3, 5, 5)))
        .hasMessageContaining("Conv1d(3, 4, kernel=3")
        .hasMessageContaining("needs (N, 3, L), got (2, 3, 5, 5)");
    assertThatThrownBy(
            () -> new Conv1d(3, 4, 5, 1, 0, 2, 1, true, rng).outputShape(new int[] {1, 3, 8}))
        .hasMessageContaining("(1, 3, 8) is shorter than the kernel");
    assertThatThrownBy(
            () -> new ConvTranspose2d(4, 2, 3, 1, 0, rng).forward(Tensor.zeros(1, 2, 3, 3)))
        .hasMessageContaining("ConvTranspose2d(4, 2")
        .hasMessageContaining("needs (N, 4, H, W), got (1, 2, 3, 3)");
    assertThatThrownBy(
            () -> new ConvTranspose2d(1, 1, 1, 1, 1, rng).outputShape(new int[] {1, 1, 1, 1}))
        .hasMessageContaining("gives an empty output");
    assertThatThrownBy(() -> new AdaptiveAvgPool2d(2).outputShape(new int[] {4, 3, 9}))
        .hasMessageContaining("AdaptiveAvgPool2d(output=2x2) needs (N, C, H, W)")
        .hasMessageContaining("(4, 3, 9)");
    assertThatThrownBy(() -> new GlobalAvgPool().outputShape(new int[] {4, 3}))
        .hasMessageContaining("GlobalAvgPool")
        .hasMessageContaining("(4, 3)");
    assertThatThrownBy(() -> new Dropout2d(0.5f, rng).outputShape(new int[] {4, 3}))
        .hasMessageContaining("Dropout2d(p=0.5) needs (N, C, H, W), got (4, 3)");
    // A window that does not fit is an error even when the stride would round the size up to 1.
    assertThatThrownBy(() -> new Conv2d(1, 1, 5, 3, 0, rng).outputShape(new int[] {1, 1, 3, 3}))
        .hasMessageContaining("smaller than the kernel");
    assertThatThrownBy(() -> new MaxPool2d(3, 2, 0).forward(Tensor.zeros(2, 1, 2, 2)))
        .hasMessageContaining("smaller than the window");
  }

  @Test
  void invalidSettingsAreRejectedAsPyTorchDoes() {
    Rng rng = new Rng(51);
    assertThatThrownBy(() -> new ConvTranspose2d(2, 2, 3, 3, 2, 0, 2, 1, 1, true, rng))
        .hasMessageContaining(
            "outputPadding 2 must be smaller than the stride 2 or the dilation 1");
    assertThatThrownBy(() -> new ConvTranspose2d(3, 2, 3, 3, 1, 0, 0, 1, 2, true, rng))
        .hasMessageContaining("not divisible by groups 2");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"Conv1d\", \"in\": 2, \"out\": 2, \"kernel\": 3, \"stride\": 2,"
                        + " \"padding\": \"same\"}",
                    rng))
        .hasMessageContaining("model (Conv1d)")
        .hasMessageContaining("\"padding\": \"same\" needs stride 1, got 2");
    assertThatThrownBy(
            () ->
                ModelSpec.parse(
                    "{\"type\": \"Conv2d\", \"in\": 2, \"out\": 2, \"kernel\": 3, \"padding\":"
                        + " \"valid\"}",
                    rng))
        .hasMessageContaining("\"padding\" must be an integer, got valid");
    assertThatThrownBy(() -> new BatchNorm2d(2).forward(Tensor.zeros(1, 2, 1, 1)))
        .hasMessageContaining("BatchNorm2d(2")
        .hasMessageContaining("more than one value per channel");
    assertThatThrownBy(() -> new AdaptiveAvgPool2d(0, 2))
        .hasMessageContaining("output size must be >= 1");
  }
}
