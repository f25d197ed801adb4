package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.ConvTranspose2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SpectralNorm against {@code torch.nn.utils.spectral_norm} (golden/spectral_norm.json from
 * gen_spectral_norm_golden.py): state dict names, the normalised weight, u, v, the output and the
 * gradient of weight_orig over several SGD steps, then eval mode.
 */
class SpectralNormTest {
  private static JsonNode golden;

  private static synchronized JsonNode golden() throws IOException {
    if (golden == null) {
      try (InputStream in =
          SpectralNormTest.class.getResourceAsStream("/golden/spectral_norm.json")) {
        golden = new ObjectMapper().readTree(in);
      }
    }
    return golden;
  }

  private static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  private static void check(String name, SpectralNorm sn, JsonNode g) {
    Map<String, Tensor> state = sn.stateDict();
    List<String> keys = new ArrayList<>();
    g.get("state_dict_keys").forEach(k -> keys.add(k.asText()));
    assertThat(state.keySet()).as(name + " state dict").containsExactlyElementsOf(keys);
    try (var off = Grad.disabled()) {
      for (var e : state.entrySet()) e.getValue().copyFrom(t(g.get("initial").get(e.getKey())));
    }
    Parameter w = sn.namedParameters().get("weight_orig");
    Parameter b = sn.namedParameters().get("bias");
    int step = 0;
    for (JsonNode s : g.get("steps")) {
      String at = name + " step " + step++;
      Tensor y = sn.forward(t(s.get("x")));
      Golden.assertClose(at + " u", state.get("weight_u"), t(s.get("u")), 1e-5);
      Golden.assertClose(at + " v", state.get("weight_v"), t(s.get("v")), 1e-5);
      Golden.assertClose(at + " y", y, t(s.get("y")), 1e-5);
      sn.zeroGrad();
      y.backward(t(s.get("upstream")));
      Golden.assertClose(at + " grad weight_orig", w.grad(), t(s.get("grad_weight_orig")), 1e-4);
      try (var off = Grad.disabled()) {
        w.addInPlace(-0.5f, w.grad());
        b.addInPlace(-0.5f, b.grad());
      }
    }
    sn.eval();
    JsonNode e = g.get("eval");
    Tensor u = state.get("weight_u").copy();
    Golden.assertClose(name + " eval y", sn.forward(t(e.get("x"))), t(e.get("y")), 1e-5);
    assertThat(state.get("weight_u").toArray()).as("eval leaves u").containsExactly(u.toArray());
    Golden.assertClose(name + " eval weight", sn.weight(), t(e.get("weight")), 1e-5);
  }

  @Test
  void linearMatchesPyTorchOverSeveralSteps() throws IOException {
    check(
        "Linear",
        new SpectralNorm(new Linear(5, 4, new Rng(1)), new Rng(2)),
        golden().get("linear"));
  }

  @Test
  void conv2dMatchesPyTorchOverSeveralSteps() throws IOException {
    check(
        "Conv2d",
        new SpectralNorm(new Conv2d(2, 3, 3, 1, 1, new Rng(3)), new Rng(4)),
        golden().get("conv2d"));
  }

  @Test
  void convTranspose2dNormalisesAlongDimensionOne() throws IOException {
    SpectralNorm sn = new SpectralNorm(new ConvTranspose2d(2, 3, 3, 2, 0, new Rng(5)), new Rng(6));
    assertThat(sn.stateDict().get("weight_u").shape()).containsExactly(3); // C_out rows
    check("ConvTranspose2d", sn, golden().get("conv_transpose2d"));
  }

  @Test
  void theNormalisedWeightHasSpectralNormNearOne() {
    SpectralNorm sn = new SpectralNorm(new Linear(6, 4, new Rng(7)), new Rng(8));
    for (int i = 0; i < 30; i++) sn.weight(); // power iteration converges on a fixed weight
    Tensor w = sn.weight().detach();
    // the largest singular value of W/σ is √(largest eigenvalue of WᵀW), by power iteration here
    Tensor wtw = w.t().matmul(w);
    Tensor x = Tensor.ones(6);
    for (int i = 0; i < 200; i++) x = wtw.matmul(x).div(wtw.matmul(x).square().sum().sqrt().item());
    float top = (float) Math.sqrt(wtw.matmul(x).square().sum().sqrt().item());
    assertThat(top).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-3f));
  }

  @Test
  void gradientsAndSecondDerivativesPassTheChecks() {
    SpectralNorm sn = new SpectralNorm(new Linear(3, 2, new Rng(9)), new Rng(10));
    sn.eval(); // u and v fixed, so that finite differences see one function
    Module net = new Sequential(sn, new Tanh());
    Tensor x = Tensor.randn(new Rng(11), 4, 3).requiresGrad(true);
    List<Tensor> in = new ArrayList<>(List.of(x));
    in.addAll(net.parameters());
    Tensor[] inputs = in.toArray(Tensor[]::new);
    GradCheck.Result first = GradCheck.check(t -> net.forward(t[0]), inputs);
    assertThat(first.passed()).as(String.valueOf(first.failure())).isTrue();
    GradCheck.Result second = GradCheck.gradgradcheck(t -> net.forward(t[0]), inputs);
    assertThat(second.passed()).as(String.valueOf(second.failure())).isTrue();
  }

  @Test
  void aLayerWithoutAWeightIsRefused() {
    assertThatThrownBy(() -> new SpectralNorm(new Tanh(), new Rng(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SpectralNorm")
        .hasMessageContaining("no weight");
  }
}
