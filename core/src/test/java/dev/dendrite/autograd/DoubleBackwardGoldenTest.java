package dev.dendrite.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NormAndInitTest;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Second-order gradients against PyTorch (golden/double_backward.json from
 * gen_double_backward_golden.py): Hessian-vector products of a small MLP, and the WGAN-GP gradient
 * penalty of a dense and a convolutional critic with its gradient with respect to every weight.
 */
class DoubleBackwardGoldenTest {
  private static JsonNode golden() throws IOException {
    try (InputStream in =
        DoubleBackwardGoldenTest.class.getResourceAsStream("/golden/double_backward.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Tensor t(JsonNode n) {
    return NormAndInitTest.t(n);
  }

  private static void load(Module m, JsonNode params) {
    Map<String, Tensor> state = m.stateDict();
    assertThat(state.keySet()).containsExactlyElementsOf(() -> params.fieldNames());
    try (var off = Grad.disabled()) {
      for (var e : state.entrySet()) e.getValue().copyFrom(t(params.get(e.getKey())));
    }
  }

  @Test
  void hessianVectorProductsOfAnMlpMatchPyTorch() throws IOException {
    JsonNode g = golden().get("hvp_mlp");
    Rng rng = new Rng(1);
    Sequential mlp =
        new Sequential(new Linear(4, 6, rng), new Tanh(), new Linear(6, 3, rng), new Sigmoid());
    load(mlp, g.get("params"));
    Map<String, Parameter> named = mlp.namedParameters();
    Tensor[] ps = named.values().toArray(Tensor[]::new);
    String[] names = named.keySet().toArray(String[]::new);
    Tensor loss = mlp.forward(t(g.get("x"))).sub(t(g.get("target"))).square().mean();
    assertThat(loss.item()).isCloseTo((float) g.get("loss").asDouble(), within(1e-6f));
    Tensor[] grads = Grad.grad(new Tensor[] {loss}, ps, null, true, true);
    Tensor gv = Tensor.scalar(0f);
    for (int i = 0; i < ps.length; i++) {
      Golden.assertClose("grad " + names[i], grads[i], t(g.get("grad").get(names[i])), 1e-5);
      gv = gv.add(grads[i].mul(t(g.get("v").get(names[i]))).sum());
    }
    Tensor[] hv = Grad.grad(new Tensor[] {gv}, ps, null, false, false);
    for (int i = 0; i < ps.length; i++)
      Golden.assertClose("H·v " + names[i], hv[i], t(g.get("hvp").get(names[i])), 1e-4);
    for (Tensor p : ps) assertThat(p.grad()).isNull();
  }

  /**
   * The critic loss of WGAN-GP as a training loop would write it: the penalty on the gradient of
   * the critic at points between real and fake samples, the gradient taken with {@code createGraph}
   * so that the penalty can itself be back-propagated into the critic's weights.
   */
  private static void checkGradientPenalty(String name, Module critic, JsonNode g) {
    load(critic, g.get("params"));
    Tensor real = t(g.get("real")), fake = t(g.get("fake")), eps = t(g.get("eps"));
    Tensor xhat = eps.mul(real).add(Tensor.scalar(1f).sub(eps).mul(fake)).requiresGrad(true);
    Tensor d = critic.forward(xhat);
    Tensor grad =
        Grad.grad(
            new Tensor[] {d}, new Tensor[] {xhat}, new Tensor[] {Tensor.onesLike(d)}, true, true)[
            0];
    Tensor norms = grad.reshape(grad.size(0), -1).square().sum(1).sqrt();
    Golden.assertClose(name + " ‖∇D(x̂)‖", norms, t(g.get("grad_norms")), 1e-5);
    Tensor gp = norms.sub(1f).square().mean();
    assertThat(gp.item())
        .as(name + " penalty")
        .isCloseTo((float) g.get("gp").asDouble(), within(1e-5f));
    float lambda = (float) g.get("lambda").asDouble();
    Tensor loss = critic.forward(fake).mean().sub(critic.forward(real).mean()).add(gp.mul(lambda));
    assertThat(loss.item())
        .as(name + " loss")
        .isCloseTo((float) g.get("loss").asDouble(), within(1e-4f));

    Map<String, Parameter> named = critic.namedParameters();
    List<Parameter> ps = critic.parameters();
    Tensor[] gradGp =
        Grad.grad(new Tensor[] {gp}, ps.toArray(Tensor[]::new), null, false, true, true);
    int i = 0;
    for (String p : named.keySet()) {
      Tensor got = gradGp[i++];
      Tensor want = t(g.get("grad_gp").get(p));
      Golden.assertClose(
          name + " ∂penalty/∂" + p, got == null ? Tensor.zerosLike(want) : got, want, 1e-4);
    }
    critic.zeroGrad();
    loss.backward();
    for (var e : named.entrySet())
      Golden.assertClose(
          name + " ∂loss/∂" + e.getKey(),
          e.getValue().grad(),
          t(g.get("grad_loss").get(e.getKey())),
          1e-4);
  }

  @Test
  void gradientPenaltyOfADenseCriticMatchesPyTorch() throws IOException {
    Rng rng = new Rng(2);
    checkGradientPenalty(
        "dense critic",
        new Sequential(new Linear(4, 8, rng), new LeakyReLU(0.2f), new Linear(8, 1, rng)),
        golden().get("wgan_gp_dense"));
  }

  @Test
  void gradientPenaltyOfAConvolutionalCriticMatchesPyTorch() throws IOException {
    Rng rng = new Rng(3);
    checkGradientPenalty(
        "conv critic",
        new Sequential(
            new Conv2d(1, 4, 3, 2, 1, rng),
            new LeakyReLU(0.2f),
            new Conv2d(4, 8, 3, 2, 1, rng),
            new LeakyReLU(0.2f),
            new Flatten(),
            new Linear(8 * 2 * 2, 1, rng)),
        golden().get("wgan_gp_conv"));
  }
}
