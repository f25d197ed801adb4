package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.norm.BatchNorm1d;
import dev.dendrite.nn.norm.LayerNorm;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d and LayerNorm against PyTorch (golden/norm.json from gen_norm_golden.py); init
 * against its formulas.
 */
public class NormAndInitTest {
  static JsonNode golden() throws IOException {
    try (InputStream in = NormAndInitTest.class.getResourceAsStream("/golden/norm.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  public static Tensor t(JsonNode n) {
    int[] shape = new int[n.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = n.get("shape").get(i).asInt();
    float[] d = new float[n.get("data").size()];
    for (int i = 0; i < d.length; i++) d[i] = (float) n.get("data").get(i).asDouble();
    return Tensor.of(d, shape);
  }

  private static void load(Module m, JsonNode g) {
    try (var off = Grad.disabled()) {
      m.namedParameters().get("weight").copyFrom(t(g.get("weight")));
      m.namedParameters().get("bias").copyFrom(t(g.get("bias")));
    }
  }

  @Test
  void batchNormMatchesPyTorchInTrainingAndEvaluation() throws IOException {
    for (String key : new String[] {"bn2d", "bn3d"}) {
      JsonNode g = golden().get(key);
      Tensor x1 = t(g.get("x1")).requiresGrad(true);
      BatchNorm1d bn = new BatchNorm1d(x1.size(1));
      load(bn, g);
      Tensor y1 = bn.forward(x1);
      Golden.assertClose(key + " train output", y1, t(g.get("y1")), 1e-5);
      y1.backward(t(g.get("upstream")));
      Golden.assertClose(key + " grad x", x1.grad(), t(g.get("grad_x")), 1e-4);
      Golden.assertClose(
          key + " grad weight",
          bn.namedParameters().get("weight").grad(),
          t(g.get("grad_weight")),
          1e-4);
      Golden.assertClose(
          key + " grad bias", bn.namedParameters().get("bias").grad(), t(g.get("grad_bias")), 1e-4);
      bn.forward(t(g.get("x2")));
      Golden.assertClose(
          key + " running mean",
          bn.stateDict().get("running_mean"),
          t(g.get("running_mean")),
          1e-5);
      Golden.assertClose(
          key + " running var (unbiased)",
          bn.stateDict().get("running_var"),
          t(g.get("running_var")),
          1e-5);
      assertThat(bn.stateDict().get("num_batches_tracked").item()).isEqualTo(2f);
      bn.eval();
      Golden.assertClose(key + " eval output", bn.forward(t(g.get("x3"))), t(g.get("y3")), 1e-5);
    }
  }

  @Test
  void layerNormMatchesPyTorch() throws IOException {
    for (String key : new String[] {"ln1", "ln2"}) {
      JsonNode g = golden().get(key);
      Tensor x = t(g.get("x")).requiresGrad(true);
      int[] norm = t(g.get("weight")).shape();
      LayerNorm ln = new LayerNorm(norm);
      load(ln, g);
      Tensor y = ln.forward(x);
      Golden.assertClose(key + " output", y, t(g.get("y")), 1e-5);
      y.backward(t(g.get("upstream")));
      Golden.assertClose(key + " grad x", x.grad(), t(g.get("grad_x")), 1e-4);
      Golden.assertClose(
          key + " grad weight",
          ln.namedParameters().get("weight").grad(),
          t(g.get("grad_weight")),
          1e-4);
    }
  }

  @Test
  void normLayersPassGradCheck() {
    Rng rng = new Rng(3);
    LayerNorm ln = new LayerNorm(4);
    BatchNorm1d bn = new BatchNorm1d(4);
    Tensor x = Tensor.randn(rng, 5, 4).requiresGrad(true);
    assertThat(
            GradCheck.check(
                    GradCheck.Options.defaults().withTolerance(2e-2, 2e-2),
                    in -> ln.forward(in[0]),
                    x)
                .passed())
        .isTrue();
    assertThat(
            GradCheck.check(
                    GradCheck.Options.defaults().withTolerance(2e-2, 2e-2),
                    in -> bn.forward(in[0]),
                    x)
                .passed())
        .isTrue();
    assertThatThrownBy(() -> bn.forward(Tensor.zeros(5, 3)))
        .hasMessageContaining("BatchNorm1d(4)")
        .hasMessageContaining("(5, 3)");
  }

  @Test
  void initialisersFollowTheirFormulas() {
    Rng rng = new Rng(1);
    Tensor w = Tensor.zeros(400, 300);
    Init.xavierUniform(w, 1, rng);
    float bound = (float) Math.sqrt(6.0 / 700);
    assertThat(w.max().item()).isLessThanOrEqualTo(bound).isGreaterThan(0.99f * bound);
    assertThat(w.var().item())
        .isCloseTo(bound * bound / 3, within(2e-5f)); // U(−b, b) has variance b²/3
    Init.kaimingNormal(w, Double.NaN, true, "relu", rng);
    assertThat(w.var().item()).isCloseTo(2f / 300, within(2e-4f));
    Init.kaimingUniform(
        w, Math.sqrt(5), true, "leaky_relu", rng); // nn.Linear's default: bound 1/√fan_in
    assertThat(w.abs().max().item()).isLessThanOrEqualTo((float) (1 / Math.sqrt(300)) + 1e-6f);
    Init.lecunNormal(w, rng);
    assertThat(w.var().item()).isCloseTo(1f / 300, within(1e-4f));
    Tensor conv = Tensor.zeros(16, 8, 3, 3);
    assertThat(Init.fans(conv)).containsExactly(72, 144);
    assertThat(Init.gain("tanh", Double.NaN)).isCloseTo(5.0 / 3, within(1e-12));
    Init.constant(conv, 0.5);
    assertThat(conv.toArray()).containsOnly(0.5f);
  }
}
