package dev.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.autograd.Grad;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.LogSoftmax;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.nn.loss.BCEWithLogitsLoss;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.loss.HuberLoss;
import dev.dendrite.nn.loss.KLDivLoss;
import dev.dendrite.nn.loss.L1Loss;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.nn.loss.NLLLoss;
import dev.dendrite.nn.loss.Reduction;
import dev.dendrite.optim.Adagrad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSprop;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The PyTorch conformance suite (fixtures from gen_conformance_golden.py, torch 1.13): every layer
 * built from its spec with PyTorch's state dict, checked for the output, the gradient of the input
 * and of every parameter, and the buffers after the step; activations and losses at their edge
 * cases; optimizers' trajectories and state. The layer table needs no Java per case.
 */
class PyTorchConformanceTest {
  /** Relative tolerances: float32 against float64 references. */
  static final double OUTPUT_TOL = 2e-5, GRAD_TOL = 1e-4, STATE_TOL = 2e-6;

  interface Op {
    Tensor apply(Tensor[] x, Tensor[] c);
  }

  static final Map<String, Op> OPS = new LinkedHashMap<>();

  static {
    OPS.put("relu_at_zero", (x, c) -> new ReLU().forward(x[0]));
    OPS.put("leaky_relu_at_zero", (x, c) -> new LeakyReLU(0.2f).forward(x[0]));
    OPS.put("elu_at_zero", (x, c) -> new ELU(0.5f).forward(x[0]));
    OPS.put("gelu_at_zero", (x, c) -> new GELU().forward(x[0]));
    OPS.put("silu_at_zero", (x, c) -> new SiLU().forward(x[0]));
    OPS.put("softplus_at_zero", (x, c) -> new Softplus().forward(x[0]));
    OPS.put("softplus_beta_at_threshold", (x, c) -> new Softplus(2f, 5f).forward(x[0]));
    OPS.put("softplus_beta_half", (x, c) -> new Softplus(0.5f, 20f).forward(x[0]));
    OPS.put("sigmoid_saturated", (x, c) -> new Sigmoid().forward(x[0]));
    OPS.put("log_softmax_large", (x, c) -> new LogSoftmax(0).forward(x[0]));
    OPS.put("bce_logits_at_zero", (x, c) -> bceLogits(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("bce_logits_at_zero_mean", (x, c) -> new BCEWithLogitsLoss().apply(x[0], c[0]));
    OPS.put(
        "bce_logits_pos_weight_at_zero",
        (x, c) -> bceLogits(Reduction.SUM).withPosWeight(c[1]).apply(x[0], c[0]));
    OPS.put("bce_logits_extreme", (x, c) -> bceLogits(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("bce_saturated", (x, c) -> new BCELoss(null, Reduction.NONE).apply(x[0], c[0]));
    OPS.put("bce_saturated_mean", (x, c) -> new BCELoss().apply(x[0], c[0]));
    OPS.put("bce_weight_sum", (x, c) -> new BCELoss(c[1], Reduction.SUM).apply(x[0], c[0]));
    OPS.put("mse_none", (x, c) -> new MSELoss(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("l1_at_zero", (x, c) -> new L1Loss(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("l1_sum", (x, c) -> new L1Loss(Reduction.SUM).apply(x[0], c[0]));
    OPS.put(
        "huber_at_delta",
        (x, c) -> new HuberLoss(1.0).withReduction(Reduction.NONE).apply(x[0], c[0]));
    OPS.put(
        "huber_sum", (x, c) -> new HuberLoss(0.7).withReduction(Reduction.SUM).apply(x[0], c[0]));
    OPS.put(
        "smooth_l1_none",
        (x, c) -> HuberLoss.smoothL1(2.0).withReduction(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("nll_ignore_index", (x, c) -> new NLLLoss(null, 2, Reduction.MEAN).apply(x[0], c[0]));
    OPS.put(
        "nll_ignore_index_weight_sum",
        (x, c) -> new NLLLoss(c[1], 0, Reduction.SUM).apply(x[0], c[0]));
    OPS.put("nll_none", (x, c) -> new NLLLoss(null, -100, Reduction.NONE).apply(x[0], c[0]));
    OPS.put("nll_spatial", (x, c) -> new NLLLoss().apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_spatial_ignore",
        (x, c) -> new CrossEntropyLoss().withIgnoreIndex(1).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_ignore_none",
        (x, c) ->
            new CrossEntropyLoss()
                .withIgnoreIndex(3)
                .withReduction(Reduction.NONE)
                .apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_probs_none",
        (x, c) -> new CrossEntropyLoss().withReduction(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("kl_div_default_mean", (x, c) -> new KLDivLoss().apply(x[0], c[0]));
    OPS.put("kl_div_none", (x, c) -> new KLDivLoss(Reduction.NONE, false, false).apply(x[0], c[0]));
    OPS.put(
        "kl_div_log_target_sum",
        (x, c) -> new KLDivLoss(Reduction.SUM, false, true).apply(x[0], c[0]));
  }

  static BCEWithLogitsLoss bceLogits(Reduction r) {
    return new BCEWithLogitsLoss().withReduction(r);
  }

  static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMS = new LinkedHashMap<>();

  static {
    OPTIMS.put("sgd_wd", p -> new SGD(0.1).withWeightDecay(0.05).create(p));
    OPTIMS.put(
        "sgd_momentum_dampening",
        p -> new SGD(0.05).withMomentum(0.9).withDampening(0.5).create(p));
    OPTIMS.put(
        "sgd_nesterov_wd",
        p -> new SGD(0.05).withMomentum(0.8).withNesterov(true).withWeightDecay(0.01).create(p));
    OPTIMS.put("adam", p -> new Adam(0.01).create(p));
    OPTIMS.put("adam_betas_eps", p -> new Adam(0.003).withBetas(0.7, 0.95).withEps(1e-6).create(p));
    OPTIMS.put(
        "adam_amsgrad_wd", p -> new Adam(0.01).withWeightDecay(0.1).withAmsgrad(true).create(p));
    OPTIMS.put("adamw", p -> Adam.adamW(0.01).create(p));
    OPTIMS.put(
        "adamw_amsgrad", p -> Adam.adamW(0.003).withWeightDecay(0.3).withAmsgrad(true).create(p));
    OPTIMS.put("rmsprop", p -> new RMSprop(0.01).create(p));
    OPTIMS.put("rmsprop_alpha_wd", p -> new RMSprop(0.01, 0.9, 1e-8, 0.1, 0, false).create(p));
    OPTIMS.put("rmsprop_centered", p -> new RMSprop(0.01).withCentered(true).create(p));
    OPTIMS.put(
        "rmsprop_centered_momentum",
        p -> new RMSprop(0.003).withMomentum(0.9).withCentered(true).create(p));
    OPTIMS.put("adagrad", p -> new Adagrad(0.1).create(p));
    OPTIMS.put("adagrad_lr_decay_wd", p -> new Adagrad(0.1, 0.05, 0.1, 0, 1e-6).create(p));
  }

  static JsonNode read(String resource) throws IOException {
    try (InputStream in = PyTorchConformanceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  static Tensor tensor(JsonNode n) {
    return Golden.tensor(n);
  }

  static void close(String what, Tensor actual, Tensor expected, double tol) {
    assertThat(actual).as(what + " is missing").isNotNull();
    Golden.assertClose(what, actual, expected, tol);
  }

  // ---- layers

  @TestFactory
  Stream<DynamicTest> layersMatchPyTorch() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : read("/golden/conformance_layers.json").get("cases"))
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkLayer(c)));
    return tests.stream();
  }

  static void checkLayer(JsonNode c) {
    String name = c.get("name").asText();
    Module m = ModelSpec.build(Json.parse(c.get("spec").toString()), new Rng(1));
    Map<String, Tensor> own = m.stateDict();
    TreeSet<String> theirs = new TreeSet<>();
    c.get("state").fieldNames().forEachRemaining(theirs::add);
    assertThat(new TreeSet<>(own.keySet())).as(name + " state dict names").isEqualTo(theirs);
    try (var off = Grad.disabled()) {
      for (String k : theirs) own.get(k).copyFrom(tensor(c.get("state").get(k)));
    }
    if (c.get("mode").asText().equals("train")) m.train();
    else m.eval();
    Tensor x = tensor(c.get("input")).requiresGrad(true);
    Tensor y = m.forward(x);
    close(name + " output", y, tensor(c.get("output")), OUTPUT_TOL);
    y.backward(tensor(c.get("upstream")));
    close(name + " input grad", x.grad(), tensor(c.get("input_grad")), GRAD_TOL);
    Map<String, Parameter> params = m.namedParameters();
    for (var e : params.entrySet())
      close(
          name + " grad of " + e.getKey(),
          e.getValue().grad(),
          tensor(c.get("param_grads").get(e.getKey())),
          GRAD_TOL);
    var after = c.get("buffers_after").fields();
    while (after.hasNext()) {
      var e = after.next();
      close(name + " buffer " + e.getKey(), own.get(e.getKey()), tensor(e.getValue()), 1e-5);
    }
  }

  // ---- activations and losses at their edges

  @Test
  void everyOpCaseHasAJavaCounterpart() {
    TreeSet<String> names = new TreeSet<>();
    for (Golden g : Golden.load("/golden/conformance_ops.json")) names.add(g.name());
    assertThat(names).isEqualTo(new TreeSet<>(OPS.keySet()));
  }

  @TestFactory
  Stream<DynamicTest> opsMatchPyTorch() {
    return Golden.load("/golden/conformance_ops.json").stream()
        .map(
            g ->
                DynamicTest.dynamicTest(
                    g.name(),
                    () -> {
                      Tensor[] in = g.freshInputs();
                      Tensor y = OPS.get(g.name()).apply(in, g.consts());
                      close(g.name() + " output", y, g.output(), OUTPUT_TOL);
                      y.backward(g.upstream());
                      for (int i = 0; i < in.length; i++)
                        close(g.name() + " grad " + i, in[i].grad(), g.grads()[i], GRAD_TOL);
                    }));
  }

  // ---- optimizers

  @TestFactory
  Stream<DynamicTest> optimizersMatchTorchOptim() throws IOException {
    JsonNode root = read("/golden/conformance_optim.json");
    List<DynamicTest> tests = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    for (JsonNode c : root.get("cases")) {
      names.add(c.get("name").asText());
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkOptimizer(root, c)));
    }
    assertThat(names).isEqualTo(new TreeSet<>(OPTIMS.keySet()));
    return tests.stream();
  }

  static void checkOptimizer(JsonNode root, JsonNode c) {
    String name = c.get("name").asText();
    List<Tensor> ps = new ArrayList<>();
    for (JsonNode p : root.get("p0")) ps.add(tensor(p).requiresGrad(true));
    Optimizer opt = OPTIMS.get(name).apply(ps);
    JsonNode traj = c.get("trajectory");
    for (int s = 0; s < traj.size(); s++) {
      for (int i = 0; i < ps.size(); i++)
        ps.get(i).setGrad(tensor(root.get("grads").get(s).get(i)));
      opt.step();
      for (int i = 0; i < ps.size(); i++)
        close(
            name + " step " + (s + 1) + " param " + i, ps.get(i), tensor(traj.get(s).get(i)), 3e-6);
    }
    Map<String, Tensor> state = new LinkedHashMap<>();
    opt.stateDict()
        .forEach(
            (k, v) -> {
              if (!k.endsWith(".step")) state.put(k, v);
            });
    TreeSet<String> theirs = new TreeSet<>();
    c.get("state").fieldNames().forEachRemaining(theirs::add);
    assertThat(new TreeSet<>(state.keySet())).as(name + " state names").isEqualTo(theirs);
    for (String k : theirs)
      closeRelative(name + " state " + k, state.get(k), tensor(c.get("state").get(k)));
  }

  /**
   * |actual − expected| ≤ STATE_TOL·(|expected| + mean |expected|): relative to the state's own
   * scale, since second moments are small numbers (about g²·(1 − β2)) that a tolerance relative to
   * 1 + |expected| would let drift freely; the mean term covers rounding where a first moment
   * cancels to near 0.
   */
  static void closeRelative(String what, Tensor actual, Tensor expected) {
    assertThat(actual).as(what + " is missing").isNotNull();
    assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
    float[] a = actual.toArray(), e = expected.toArray();
    double scale = 0;
    for (float v : e) scale += Math.abs(v) / e.length;
    for (int i = 0; i < a.length; i++)
      assertThat((double) a[i])
          .as(what + " element " + i)
          .isCloseTo(
              e[i], org.assertj.core.data.Offset.offset(STATE_TOL * (Math.abs(e[i]) + scale)));
  }
}
