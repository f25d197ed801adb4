package dev.dendrite.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.nn.norm.BatchNorm2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conv1d, Conv2d with "same" padding, ConvTranspose2d, AdaptiveAvgPool2d and BatchNorm2d against
 * PyTorch (golden/conv2.json from gen_conv2_golden.py): outputs, the input gradient and every
 * parameter gradient; and PyTorch state dicts loading by name into the same models built from
 * specs.
 */
class ConvLayersGoldenTest {
  private static JsonNode golden;

  static synchronized JsonNode golden() throws IOException {
    if (golden == null) {
      try (InputStream in = ConvLayersGoldenTest.class.getResourceAsStream("/golden/conv2.json")) {
        golden = new ObjectMapper().readTree(in);
      }
    }
    return golden;
  }

  static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  /** Loads the case's weights, runs forward and backward, and compares all of it with PyTorch. */
  private static void check(String name, Module m, JsonNode g) {
    boolean bias = !g.get("bias").isNull();
    try (var off = Grad.disabled()) {
      m.namedParameters().get("weight").copyFrom(t(g.get("weight")));
      if (bias) m.namedParameters().get("bias").copyFrom(t(g.get("bias")));
    }
    assertThat(m.namedParameters().containsKey("bias")).as(name + " has a bias").isEqualTo(bias);
    Tensor x = t(g.get("x")).requiresGrad(true);
    Tensor y = m.forward(x);
    Golden.assertClose(name + " output", y, t(g.get("y")), 1e-5);
    assertThat(m.outputShape(x.shape())).as(name + " outputShape").containsExactly(y.shape());
    y.backward(t(g.get("upstream")));
    Golden.assertClose(name + " grad x", x.grad(), t(g.get("grad_x")), 1e-4);
    Golden.assertClose(
        name + " grad weight",
        m.namedParameters().get("weight").grad(),
        t(g.get("grad_weight")),
        1e-4);
    if (bias)
      Golden.assertClose(
          name + " grad bias", m.namedParameters().get("bias").grad(), t(g.get("grad_bias")), 1e-4);
  }

  private static Iterable<Map.Entry<String, JsonNode>> cases(String group) throws IOException {
    Iterator<Map.Entry<String, JsonNode>> it = golden().get(group).fields();
    return () -> it;
  }

  @Test
  void conv1dMatchesPyTorch() throws IOException {
    int n = 0;
    for (var e : cases("conv1d")) {
      JsonNode c =
          e.getValue()
              .get("config"); // N, C, L, out, kernel, stride, padding, dilation, groups, bias
      int in = c.get(1).asInt(),
          out = c.get(3).asInt(),
          k = c.get(4).asInt(),
          d = c.get(7).asInt(),
          g = c.get(8).asInt();
      boolean bias = c.get(9).asBoolean();
      Conv1d conv =
          c.get(6).isTextual()
              ? Conv1d.same(in, out, k, d, g, bias, new Rng(0))
              : new Conv1d(in, out, k, c.get(5).asInt(), c.get(6).asInt(), d, g, bias, new Rng(0));
      check(e.getKey(), conv, e.getValue());
      n++;
    }
    assertThat(n).isEqualTo(8);
  }

  @Test
  void conv2dSamePaddingMatchesPyTorch() throws IOException {
    int n = 0;
    for (var e : cases("conv2d_same")) {
      JsonNode c = e.getValue().get("config"); // N, C, H, W, out, [kH, kW], dilation, groups, bias
      Conv2d conv =
          Conv2d.same(
              c.get(1).asInt(),
              c.get(4).asInt(),
              c.get(5).get(0).asInt(),
              c.get(5).get(1).asInt(),
              c.get(6).asInt(),
              c.get(7).asInt(),
              c.get(8).asBoolean(),
              new Rng(0));
      check(e.getKey(), conv, e.getValue());
      assertThat(conv.outputShape(new int[] {1, c.get(1).asInt(), 9, 4}))
          .containsExactly(1, c.get(4).asInt(), 9, 4);
      n++;
    }
    assertThat(n).isEqualTo(3);
  }

  @Test
  void convTranspose2dMatchesPyTorch() throws IOException {
    int n = 0;
    for (var e : cases("conv_transpose2d")) {
      JsonNode c =
          e.getValue().get("config"); // N, C, H, W, out, [kH, kW], stride, padding, output_padding,
      // dilation, groups, bias
      ConvTranspose2d conv =
          new ConvTranspose2d(
              c.get(1).asInt(),
              c.get(4).asInt(),
              c.get(5).get(0).asInt(),
              c.get(5).get(1).asInt(),
              c.get(6).asInt(),
              c.get(7).asInt(),
              c.get(8).asInt(),
              c.get(9).asInt(),
              c.get(10).asInt(),
              c.get(11).asBoolean(),
              new Rng(0));
      check(e.getKey(), conv, e.getValue());
      n++;
    }
    assertThat(n).isEqualTo(6);
  }

  @Test
  void adaptiveAveragePoolingMatchesPyTorch() throws IOException {
    int n = 0;
    for (var e : cases("adaptive")) {
      JsonNode g = e.getValue(), c = g.get("config"); // N, C, H, W, oH, oW
      AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d(c.get(4).asInt(), c.get(5).asInt());
      Tensor x = t(g.get("x")).requiresGrad(true);
      Tensor y = pool.forward(x);
      Golden.assertClose(e.getKey() + " output", y, t(g.get("y")), 1e-6);
      assertThat(pool.outputShape(x.shape())).containsExactly(y.shape());
      y.backward(t(g.get("upstream")));
      Golden.assertClose(e.getKey() + " grad x", x.grad(), t(g.get("grad_x")), 1e-6);
      n++;
    }
    assertThat(n).isEqualTo(5);
    JsonNode g = golden().get("adaptive").get("a_global");
    Tensor x = t(g.get("x")).requiresGrad(true);
    Tensor y = new GlobalAvgPool().forward(x);
    Golden.assertClose("global output, flattened", y, t(g.get("y")).reshape(2, 3), 1e-6);
    y.backward(t(g.get("upstream")).reshape(2, 3));
    Golden.assertClose("global grad x", x.grad(), t(g.get("grad_x")), 1e-6);
    Golden.assertClose(
        "global output, kept", new GlobalAvgPool(false).forward(x.detach()), t(g.get("y")), 1e-6);
  }

  @Test
  void batchNorm2dMatchesPyTorchInTrainingAndEvaluation() throws IOException {
    for (var e : cases("bn2d")) {
      String key = e.getKey();
      JsonNode g = e.getValue(), c = g.get("config"); // N, C, H, W, eps, momentum
      BatchNorm2d bn =
          new BatchNorm2d(
              c.get(1).asInt(),
              (float) c.get(4).asDouble(),
              (float) c.get(5).asDouble(),
              true,
              true);
      try (var off = Grad.disabled()) {
        bn.namedParameters().get("weight").copyFrom(t(g.get("weight")));
        bn.namedParameters().get("bias").copyFrom(t(g.get("bias")));
      }
      for (String phase : new String[] {"train1", "train2", "eval"}) {
        JsonNode p = g.get(phase);
        if (phase.equals("eval")) bn.eval();
        bn.zeroGrad();
        Tensor x = t(p.get("x")).requiresGrad(true);
        Tensor y = bn.forward(x);
        String what = key + " " + phase;
        Golden.assertClose(what + " output", y, t(p.get("y")), 1e-5);
        y.backward(t(p.get("upstream")));
        Golden.assertClose(what + " grad x", x.grad(), t(p.get("grad_x")), 1e-4);
        Golden.assertClose(
            what + " grad weight",
            bn.namedParameters().get("weight").grad(),
            t(p.get("grad_weight")),
            1e-4);
        Golden.assertClose(
            what + " grad bias",
            bn.namedParameters().get("bias").grad(),
            t(p.get("grad_bias")),
            1e-4);
        if (!phase.equals("eval")) {
          Golden.assertClose(
              what + " running mean",
              bn.stateDict().get("running_mean"),
              t(p.get("running_mean")),
              1e-5);
          Golden.assertClose(
              what + " running var (unbiased)",
              bn.stateDict().get("running_var"),
              t(p.get("running_var")),
              1e-5);
        }
      }
      assertThat(bn.stateDict().get("num_batches_tracked").item()).isEqualTo(2f);
    }
  }

  @Test
  void batchNorm2dWithoutAffineOrRunningStatsUsesBatchStatisticsInEvaluation() throws IOException {
    JsonNode g = golden().get("bn2d_plain");
    BatchNorm2d bn = new BatchNorm2d(3, 1e-5f, 0.1f, false, false);
    bn.eval();
    assertThat(bn.stateDict()).hasSize(g.get("state_dict_size").asInt()).isEmpty();
    Tensor x = t(g.get("x")).requiresGrad(true);
    Tensor y = bn.forward(x);
    Golden.assertClose("plain output", y, t(g.get("y")), 1e-5);
    y.backward(t(g.get("upstream")));
    Golden.assertClose("plain grad x", x.grad(), t(g.get("grad_x")), 1e-4);
  }

  private static final String MODEL_2D =
      """
      {"type": "Sequential", "layers": [
        {"type": "Conv2d", "in": 3, "out": 4, "kernel": 3, "padding": "same"},
        {"type": "BatchNorm2d", "features": 4},
        {"type": "ReLU"},
        {"type": "ConvTranspose2d", "in": 4, "out": 2, "kernel": 3, "stride": 2, "padding": 1,
         "outputPadding": 1, "groups": 2},
        {"type": "Dropout2d", "p": 0.5},
        {"type": "AdaptiveAvgPool2d", "output": [3, 2]},
        {"type": "Flatten"}]}\
      """;
  private static final String MODEL_1D =
      """
      {"type": "Sequential", "layers": [
        {"type": "Conv1d", "in": 3, "out": 4, "kernel": 4, "padding": "same"},
        {"type": "Tanh"},
        {"type": "Conv1d", "in": 4, "out": 2, "kernel": 3, "stride": 2, "dilation": 2,
         "groups": 2}]}\
      """;

  @Test
  void pyTorchStateDictsLoadByNameAndGivePyTorchsOutput() throws IOException {
    for (String[] c : new String[][] {{"model2d", MODEL_2D}, {"model1d", MODEL_1D}}) {
      JsonNode g = golden().get("state_dict").get(c[0]);
      Map<String, Tensor> state = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = g.get("state").fields(); it.hasNext(); ) {
        var e = it.next();
        state.put(e.getKey(), t(e.getValue()));
      }
      Module m = ModelSpec.parse(c[1], new Rng(1));
      assertThat(m.stateDict().keySet())
          .as(c[0] + " names")
          .containsExactlyElementsOf(state.keySet());
      assertThat(ModelArchive.loadWeights(m, state, true, c[0])).isEmpty();
      m.eval();
      Tensor x = t(g.get("x"));
      Tensor y = m.forward(x);
      Golden.assertClose(c[0] + " output", y, t(g.get("y")), 1e-5);
      assertThat(m.outputShape(x.shape())).containsExactly(y.shape());
    }
  }
}
