package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.Golden;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.LogSoftmax;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.nn.loss.BCEWithLogitsLoss;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.loss.HuberLoss;
import dev.dendrite.nn.loss.KLDivLoss;
import dev.dendrite.nn.loss.L1Loss;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.nn.loss.NLLLoss;
import dev.dendrite.nn.loss.Reduction;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Activations and losses against PyTorch (golden/nn_ops.json from gen_nn_golden.py) and finite
 * differences.
 */
class NnGoldenTest {
  interface Op {
    Tensor apply(Tensor[] x, Tensor[] c);
  }

  static final Map<String, Op> OPS = new LinkedHashMap<>();

  static {
    OPS.put("relu", (x, c) -> new ReLU().forward(x[0]));
    OPS.put("leaky_relu_0.1", (x, c) -> new LeakyReLU().forward(x[0]));
    OPS.put("leaky_relu_0.01", (x, c) -> new LeakyReLU(0.01f).forward(x[0]));
    OPS.put("elu", (x, c) -> new ELU().forward(x[0]));
    OPS.put("elu_alpha", (x, c) -> new ELU(0.5f).forward(x[0]));
    OPS.put("gelu", (x, c) -> new GELU().forward(x[0]));
    OPS.put("gelu_tanh", (x, c) -> new GELU(true).forward(x[0]));
    OPS.put("silu", (x, c) -> new SiLU().forward(x[0]));
    OPS.put("softplus", (x, c) -> new Softplus().forward(x[0]));
    OPS.put("softplus_beta", (x, c) -> new Softplus(2f, 5f).forward(x[0].mul(10f)));
    OPS.put("sigmoid", (x, c) -> new Sigmoid().forward(x[0]));
    OPS.put("tanh", (x, c) -> new Tanh().forward(x[0]));
    OPS.put("softmax", (x, c) -> new Softmax(1).forward(x[0]));
    OPS.put("log_softmax", (x, c) -> new LogSoftmax(-1).forward(x[0]));
    OPS.put("mse", (x, c) -> new MSELoss().apply(x[0], c[0]));
    OPS.put("mse_sum", (x, c) -> new MSELoss(Reduction.SUM).apply(x[0], c[0]));
    OPS.put("l1", (x, c) -> new L1Loss().apply(x[0], c[0]));
    OPS.put("huber", (x, c) -> new HuberLoss(1.5).apply(x[0], c[0]));
    OPS.put("smooth_l1", (x, c) -> HuberLoss.smoothL1(0.5).apply(x[0], c[0]));
    OPS.put("bce", (x, c) -> new BCELoss().apply(x[0], c[0]));
    OPS.put("bce_logits", (x, c) -> new BCEWithLogitsLoss().apply(x[0], c[0]));
    OPS.put(
        "bce_logits_pos_weight",
        (x, c) -> new BCEWithLogitsLoss().withPosWeight(c[1]).apply(x[0], c[0]));
    OPS.put(
        "bce_logits_none",
        (x, c) -> new BCEWithLogitsLoss().withReduction(Reduction.NONE).apply(x[0], c[0]));
    OPS.put("cross_entropy", (x, c) -> new CrossEntropyLoss().apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_sum",
        (x, c) -> new CrossEntropyLoss().withReduction(Reduction.SUM).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_none",
        (x, c) -> new CrossEntropyLoss().withReduction(Reduction.NONE).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_weight",
        (x, c) -> new CrossEntropyLoss().withWeight(c[1]).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_smoothing",
        (x, c) -> new CrossEntropyLoss().withLabelSmoothing(0.1).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_weight_smoothing",
        (x, c) ->
            new CrossEntropyLoss().withWeight(c[1]).withLabelSmoothing(0.2).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_ignore",
        (x, c) -> new CrossEntropyLoss().withIgnoreIndex(1).apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_ignore_smoothing_weight",
        (x, c) ->
            new CrossEntropyLoss()
                .withWeight(c[1])
                .withIgnoreIndex(1)
                .withLabelSmoothing(0.3)
                .apply(x[0], c[0]));
    OPS.put("cross_entropy_probs", (x, c) -> new CrossEntropyLoss().apply(x[0], c[0]));
    OPS.put(
        "cross_entropy_probs_smoothing",
        (x, c) -> new CrossEntropyLoss().withLabelSmoothing(0.1).apply(x[0], c[0]));
    OPS.put("cross_entropy_spatial", (x, c) -> new CrossEntropyLoss().apply(x[0], c[0]));
    OPS.put("nll", (x, c) -> new NLLLoss().apply(x[0].logSoftmax(1), c[0]));
    OPS.put("nll_weight", (x, c) -> new NLLLoss().withWeight(c[1]).apply(x[0].logSoftmax(1), c[0]));
    OPS.put("kl_div_batchmean", (x, c) -> KLDivLoss.batchmean().apply(x[0].logSoftmax(1), c[0]));
    OPS.put(
        "kl_div_sum_zero_target",
        (x, c) -> new KLDivLoss(Reduction.SUM, false, false).apply(x[0].logSoftmax(1), c[0]));
    OPS.put(
        "kl_div_log_target",
        (x, c) -> new KLDivLoss(Reduction.MEAN, false, true).apply(x[0].logSoftmax(1), c[0].log()));
  }

  static List<Golden> cases() {
    return Golden.load("/golden/nn_ops.json");
  }

  @Test
  void everyGoldenCaseHasAJavaCounterpart() {
    TreeSet<String> names = new TreeSet<>();
    for (Golden g : cases()) names.add(g.name());
    assertThat(names).containsExactlyInAnyOrderElementsOf(new TreeSet<>(OPS.keySet()));
  }

  @TestFactory
  Stream<DynamicTest> matchPyTorch() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Tensor[] in = c.freshInputs();
                      Tensor y = OPS.get(c.name()).apply(in, c.consts());
                      Golden.assertClose(c.name() + " output", y, c.output(), 1e-5);
                      y.backward(c.upstream());
                      for (int i = 0; i < in.length; i++)
                        Golden.assertClose(
                            c.name() + " grad " + i, in[i].grad(), c.grads()[i], 1e-4);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> gradientsMatchFiniteDifferences() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      GradCheck.Result r =
                          GradCheck.check(
                              GradCheck.Options.defaults().withTolerance(2e-2, 2e-2),
                              x -> OPS.get(c.name()).apply(x, c.consts()),
                              c.freshInputs());
                      assertThat(r.passed()).as(c.name() + ": " + r.failure()).isTrue();
                    }));
  }
}
