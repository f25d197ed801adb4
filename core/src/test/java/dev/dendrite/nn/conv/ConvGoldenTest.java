package dev.dendrite.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conv2d and pooling against PyTorch (golden/conv.json from gen_conv_golden.py) and finite
 * differences.
 */
class ConvGoldenTest {
  static JsonNode golden() throws IOException {
    try (InputStream in = ConvGoldenTest.class.getResourceAsStream("/golden/conv.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  @Test
  void convolutionMatchesPyTorch() throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = golden().get("conv").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode g = e.getValue(), c = g.get("config");
      boolean bias = c.get(10).asBoolean();
      Conv2d conv =
          new Conv2d(
              c.get(1).asInt(),
              c.get(4).asInt(),
              c.get(5).asInt(),
              c.get(5).asInt(),
              c.get(6).asInt(),
              c.get(7).asInt(),
              c.get(8).asInt(),
              c.get(9).asInt(),
              bias,
              new Rng(0));
      try (var off = Grad.disabled()) {
        conv.namedParameters().get("weight").copyFrom(t(g.get("weight")));
        if (bias) conv.namedParameters().get("bias").copyFrom(t(g.get("bias")));
      }
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor y = conv.forward(x);
      Golden.assertClose(e.getKey() + " output", y, t(g.get("y")), 1e-5);
      assertThat(conv.outputShape(x.shape())).containsExactly(y.shape());
      y.backward(t(g.get("upstream")));
      Golden.assertClose(e.getKey() + " grad x", x.grad(), t(g.get("grad_x")), 1e-4);
      Golden.assertClose(
          e.getKey() + " grad weight",
          conv.namedParameters().get("weight").grad(),
          t(g.get("grad_weight")),
          1e-4);
      if (bias)
        Golden.assertClose(
            e.getKey() + " grad bias",
            conv.namedParameters().get("bias").grad(),
            t(g.get("grad_bias")),
            1e-4);
    }
  }

  @Test
  void poolingMatchesPyTorch() throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = golden().get("pool").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode g = e.getValue(), c = g.get("config");
      int k = c.get(5).asInt(), s = c.get(6).asInt(), p = c.get(7).asInt();
      Module pool =
          c.get(0).asText().equals("max") ? new MaxPool2d(k, s, p) : new AvgPool2d(k, s, p);
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor y = pool.forward(x);
      Golden.assertClose(e.getKey() + " output", y, t(g.get("y")), 1e-6);
      y.backward(t(g.get("upstream")));
      Golden.assertClose(e.getKey() + " grad x", x.grad(), t(g.get("grad_x")), 1e-5);
    }
  }

  @Test
  void convolutionAndPoolingPassGradCheck() {
    Rng rng = new Rng(5);
    Conv2d conv = new Conv2d(2, 3, 3, 3, 2, 1, 1, 1, true, rng);
    Tensor x = Tensor.randn(rng, 1, 2, 5, 5).requiresGrad(true);
    assertThat(GradCheck.check(in -> conv.forward(in[0]), x).passed()).isTrue();
    Tensor w = conv.namedParameters().get("weight");
    assertThat(GradCheck.check(in -> conv.forward(x.detach()), w).passed()).isTrue();
    AvgPool2d avg = new AvgPool2d(2, 1, 0);
    assertThat(GradCheck.check(in -> avg.forward(in[0]), x).passed()).isTrue();
  }

  @Test
  void shapeErrorsNameTheLayer() {
    Conv2d conv = new Conv2d(3, 8, 3, 1, 0, new Rng(1));
    assertThatThrownBy(() -> conv.forward(Tensor.zeros(1, 2, 8, 8)))
        .hasMessageContaining("Conv2d(3, 8")
        .hasMessageContaining("(1, 2, 8, 8)");
    assertThatThrownBy(() -> conv.outputShape(new int[] {1, 3, 2, 2}))
        .hasMessageContaining("smaller than the kernel");
    assertThat(
            new Sequential(conv, new MaxPool2d(2), new Flatten())
                .outputShape(new int[] {4, 3, 28, 28}))
        .containsExactly(4, 8 * 13 * 13);
  }
}
