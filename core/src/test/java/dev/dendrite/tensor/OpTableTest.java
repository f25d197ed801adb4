package dev.dendrite.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.Golden;
import dev.dendrite.autograd.GradCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One table of ops, checked three ways: forward values and input gradients against PyTorch's
 * (golden/ops.json, written by core/src/test/python/gen_golden.py), and gradients against central
 * finite differences ({@link GradCheck}).
 */
class OpTableTest {
  /** An op under test: the differentiable inputs, then the constant operands (indices, masks). */
  interface Op {
    Tensor apply(Tensor[] in, Tensor[] c);
  }

  static final Map<String, Op> OPS = new LinkedHashMap<>();

  static {
    OPS.put("add", (x, c) -> x[0].add(x[1]));
    OPS.put("add_broadcast_row", (x, c) -> x[0].add(x[1]));
    OPS.put("add_broadcast_both", (x, c) -> x[0].add(x[1]));
    OPS.put("sub", (x, c) -> x[0].sub(x[1]));
    OPS.put("sub_broadcast_col", (x, c) -> x[0].sub(x[1]));
    OPS.put("mul", (x, c) -> x[0].mul(x[1]));
    OPS.put("mul_outer", (x, c) -> x[0].mul(x[1]));
    OPS.put("div", (x, c) -> x[0].div(x[1]));
    OPS.put("div_broadcast_scalar", (x, c) -> x[0].div(x[1]));
    OPS.put("pow", (x, c) -> x[0].pow(x[1]));
    OPS.put("pow_broadcast", (x, c) -> x[0].pow(x[1]));
    OPS.put("maximum", (x, c) -> x[0].maximum(x[1]));
    OPS.put("minimum_broadcast", (x, c) -> x[0].minimum(x[1]));
    OPS.put("add_scalar", (x, c) -> x[0].add(2.5f));
    OPS.put("mul_scalar", (x, c) -> x[0].mul(-1.5f));
    OPS.put("div_scalar", (x, c) -> x[0].div(4f));
    OPS.put("pow_scalar", (x, c) -> x[0].pow(2.5f));
    OPS.put("pow_scalar_int", (x, c) -> x[0].pow(3f));
    OPS.put("neg", (x, c) -> x[0].neg());
    OPS.put("exp", (x, c) -> x[0].exp());
    OPS.put("log", (x, c) -> x[0].log());
    OPS.put("sqrt", (x, c) -> x[0].sqrt());
    OPS.put("abs", (x, c) -> x[0].abs());
    OPS.put("clamp", (x, c) -> x[0].clamp(-0.5f, 0.5f));
    OPS.put("relu", (x, c) -> x[0].relu());
    OPS.put("sigmoid", (x, c) -> x[0].sigmoid());
    OPS.put("tanh", (x, c) -> x[0].tanh());
    OPS.put("square", (x, c) -> x[0].square());
    OPS.put("sum_all", (x, c) -> x[0].sum());
    OPS.put("sum_dim", (x, c) -> x[0].sum(1));
    OPS.put("sum_dims_keepdim", (x, c) -> x[0].sum(new int[] {0, 2}, true));
    OPS.put("sum_dim0", (x, c) -> x[0].sum(0));
    OPS.put("mean_all", (x, c) -> x[0].mean());
    OPS.put("mean_dim_keepdim", (x, c) -> x[0].mean(-1, true));
    OPS.put("var_all", (x, c) -> x[0].var());
    OPS.put("var_dim", (x, c) -> x[0].var(0, false));
    OPS.put("var_biased_dims", (x, c) -> x[0].var(new int[] {1, 2}, 0, true));
    OPS.put("max_all", (x, c) -> x[0].max());
    OPS.put("max_dim", (x, c) -> x[0].max(1, false));
    OPS.put("min_dim_keepdim", (x, c) -> x[0].min(0, true));
    OPS.put("softmax_last", (x, c) -> x[0].softmax(-1));
    OPS.put("softmax_dim0", (x, c) -> x[0].softmax(0));
    OPS.put("log_softmax_last", (x, c) -> x[0].logSoftmax(-1));
    OPS.put("log_softmax_middle", (x, c) -> x[0].logSoftmax(1));
    OPS.put("matmul_2d", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_batched", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_broadcast_rhs", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_broadcast_batch", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_matvec", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_vecmat", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_dot", (x, c) -> x[0].matmul(x[1]));
    OPS.put("matmul_transposed", (x, c) -> x[0].t().matmul(x[1].t()));
    OPS.put("reshape", (x, c) -> x[0].reshape(3, 4).mul(Tensor.arange(12).reshape(3, 4)));
    OPS.put("transpose", (x, c) -> x[0].transpose(0, 2).mul(Tensor.arange(24).reshape(4, 3, 2)));
    OPS.put("permute", (x, c) -> x[0].permute(2, 0, 1).mul(Tensor.arange(24).reshape(4, 2, 3)));
    OPS.put("slice", (x, c) -> x[0].slice(1, 1, 3).mul(2f));
    OPS.put("slice_step", (x, c) -> x[0].slice(1, 0, 4, 2).exp());
    OPS.put("select", (x, c) -> x[0].select(1, 2).square());
    OPS.put("expand", (x, c) -> x[0].expand(2, 3, 4).mul(Tensor.arange(24).reshape(2, 3, 4)));
    OPS.put("unsqueeze_squeeze", (x, c) -> x[0].unsqueeze(1).squeeze(1).unsqueeze(0).mul(3f));
    OPS.put("flatten", (x, c) -> x[0].flatten(1, 2).mul(Tensor.arange(24).reshape(2, 12)));
    OPS.put("cat", (x, c) -> Tensor.cat(1, x[0], x[1]).square());
    OPS.put("stack", (x, c) -> Tensor.stack(1, x[0], x[1]).mul(Tensor.arange(12).reshape(2, 2, 3)));
    OPS.put(
        "split",
        (x, c) -> {
          List<Tensor> parts = new ArrayList<>();
          List<Tensor> s = x[0].split(2, 1);
          for (int i = 0; i < s.size(); i++) parts.add(s.get(i).mul(i + 1f));
          return Tensor.cat(1, parts);
        });
    OPS.put(
        "chunk",
        (x, c) -> {
          List<Tensor> parts = new ArrayList<>();
          List<Tensor> s = x[0].chunk(3, 0);
          for (int i = 0; i < s.size(); i++) parts.add(s.get(i).exp().mul(i + 1f));
          return Tensor.cat(0, parts);
        });
    OPS.put("gather", (x, c) -> x[0].gather(1, c[0]));
    OPS.put("gather_dim0", (x, c) -> x[0].gather(0, c[0]));
    OPS.put("index_select", (x, c) -> x[0].indexSelect(0, c[0]));
    OPS.put("where", (x, c) -> Tensor.where(c[0], x[0], x[1]));
    OPS.put("one_hot_mul", (x, c) -> x[0].mul(Tensor.oneHot(c[0], 4)));
    OPS.put("linear_tanh", (x, c) -> x[0].matmul(x[1].t()).add(x[2]).tanh());
    OPS.put("cross_entropy_like", (x, c) -> x[0].logSoftmax(1).mul(c[0]).sum().neg().div(4f));
  }

  static List<Golden> golden() {
    return Golden.load("/golden/ops.json");
  }

  @Test
  void theJavaTableAndTheGoldenFileListTheSameOps() {
    TreeSet<String> golden = new TreeSet<>();
    for (Golden c : golden()) golden.add(c.name());
    assertThat(golden).containsExactlyInAnyOrderElementsOf(new TreeSet<>(OPS.keySet()));
  }

  @TestFactory
  Stream<DynamicTest> forwardAndBackwardMatchPyTorch() {
    return golden().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Tensor[] in = c.freshInputs();
                      Tensor y = OPS.get(c.name()).apply(in, c.consts());
                      Golden.assertClose(c.name() + " output", y, c.output(), 1e-5);
                      y.backward(c.upstream());
                      for (int i = 0; i < in.length; i++) {
                        Tensor g =
                            in[i].grad() == null ? Tensor.zeros(in[i].shape()) : in[i].grad();
                        Golden.assertClose(c.name() + " grad of input " + i, g, c.grads()[i], 1e-4);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> gradientsMatchFiniteDifferences() {
    return golden().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Tensor[] in = c.freshInputs();
                      GradCheck.Result r =
                          GradCheck.check(x -> OPS.get(c.name()).apply(x, c.consts()), in);
                      assertThat(r.passed()).as(c.name() + ": " + r.failure()).isTrue();
                      assertThat(r.checked()).isGreaterThan(0);
                    }));
  }
}
