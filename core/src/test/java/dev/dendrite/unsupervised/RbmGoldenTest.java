package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RBM against scikit-learn's BernoulliRBM (golden/rbm.json from gen_rbm_golden.py). */
class RbmGoldenTest {
  static JsonNode g;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = RbmGoldenTest.class.getResourceAsStream("/golden/rbm.json")) {
      g = new ObjectMapper().readTree(in);
    }
  }

  static Tensor t(JsonNode n) {
    int[] shape = new int[n.get("shape").size()];
    for (int i = 0; i < shape.length; i++) shape[i] = n.get("shape").get(i).asInt();
    float[] d = new float[n.get("data").size()];
    for (int i = 0; i < d.length; i++) d[i] = (float) n.get("data").get(i).asDouble();
    return Tensor.of(d, shape);
  }

  static RBM rbm() {
    return new RBM(
        t(g.get("components_")), t(g.get("intercept_hidden_")), t(g.get("intercept_visible_")));
  }

  static void assertClose(Tensor actual, JsonNode expected, double tol) {
    Tensor e = t(expected);
    assertThat(actual.shape()).containsExactly(e.shape());
    float[] a = actual.toArray(), x = e.toArray();
    for (int i = 0; i < a.length; i++)
      assertThat(a[i]).as("element %d", i).isCloseTo(x[i], within((float) tol));
  }

  @Test
  void freeEnergyMatchesScikitLearnOnBinaryAndFractionalRows() {
    RBM m = rbm();
    assertClose(m.freeEnergy(t(g.get("x"))), g.get("free_energy"), 1e-5);
    assertClose(m.freeEnergy(t(g.get("soft"))), g.get("free_energy_soft"), 1e-5);
  }

  @Test
  void pseudoLikelihoodWithTheSameFlippedUnitsMatchesScoreSamples() {
    int[] flip = new int[g.get("flip").size()];
    for (int i = 0; i < flip.length; i++) flip[i] = g.get("flip").get(i).asInt();
    assertClose(rbm().pseudoLikelihood(t(g.get("x")), flip), g.get("pseudo_likelihood"), 2e-5);
  }

  @Test
  void onePcdUpdateWithGivenDrawsMatchesScikitLearnsFit() {
    JsonNode p = g.get("pcd");
    RBM m = rbm();
    Tensor x = t(g.get("x"));
    var step =
        new ContrastiveDivergence(
            m,
            ContrastiveDivergence.Config.pcd(p.get("learning_rate").asDouble()),
            x.size(0),
            new Rng(0));
    m.persistentChain(x.size(0)).copyFrom(t(p.get("h_samples_")));
    var draws = new ArrayDeque<>(List.of(t(p.get("u_visible")), t(p.get("u_hidden"))));
    double err = step.update(x, shape -> draws.removeFirst());
    assertThat(draws).isEmpty();
    assertThat(err).isCloseTo(rbm().reconstructionError(x), within(1e-7));
    assertClose(m.components(), p.get("components_"), 1e-6);
    assertClose(m.interceptHidden(), p.get("intercept_hidden_"), 1e-6);
    assertClose(m.interceptVisible(), p.get("intercept_visible_"), 1e-6);
    assertClose(m.stateDict().get("h_samples_"), p.get("h_samples_after"), 0);
    // The update moved the weights: a transcription that left them alone would fail above.
    assertThat(m.components().sub(rbm().components()).abs().max().item()).isGreaterThan(1e-3f);
  }

  @Test
  void twoCd2UpdatesWithMomentumAndWeightDecayMatchANumPyTranscription() {
    JsonNode c = g.get("cd2");
    RBM m = rbm();
    Tensor x = t(g.get("x"));
    var cfg =
        ContrastiveDivergence.Config.cd(c.get("k").asInt(), c.get("learning_rate").asDouble())
            .withMomentum(c.get("momentum").asDouble())
            .withWeightDecay(c.get("weight_decay").asDouble());
    var step = new ContrastiveDivergence(m, cfg, x.size(0), new Rng(0));
    var draws = new ArrayDeque<Tensor>();
    for (JsonNode d : c.get("draws")) draws.add(t(d));
    step.update(x, shape -> draws.removeFirst());
    step.update(x, shape -> draws.removeFirst());
    assertThat(draws).isEmpty();
    assertThat(m.stateDict()).doesNotContainKey("h_samples_");
    assertClose(m.components(), c.get("components_"), 2e-6);
    assertClose(m.interceptHidden(), c.get("intercept_hidden_"), 2e-6);
    assertClose(m.interceptVisible(), c.get("intercept_visible_"), 2e-6);
  }
}
