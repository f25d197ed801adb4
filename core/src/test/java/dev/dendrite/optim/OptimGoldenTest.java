package dev.dendrite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Optimizers, schedules and clipping against torch.optim (golden/optim.json from
 * gen_optim_golden.py).
 */
class OptimGoldenTest {
  static final Map<String, Function<List<Tensor>, Optimizer>> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("sgd", p -> new SGD(0.1).create(p));
    CONFIGS.put("sgd_momentum", p -> new SGD(0.1).withMomentum(0.9).create(p));
    CONFIGS.put(
        "sgd_dampening_wd",
        p -> new SGD(0.05).withMomentum(0.8).withDampening(0.3).withWeightDecay(0.01).create(p));
    CONFIGS.put("sgd_nesterov", p -> new SGD(0.1).withMomentum(0.9).withNesterov(true).create(p));
    CONFIGS.put("adam", p -> new Adam(0.01).create(p));
    CONFIGS.put(
        "adam_wd_amsgrad",
        p -> new Adam(0.01).withBetas(0.8, 0.99).withWeightDecay(0.1).withAmsgrad(true).create(p));
    CONFIGS.put("adamw", p -> Adam.adamW(0.01).create(p));
    CONFIGS.put(
        "adamw_amsgrad", p -> Adam.adamW(0.02).withWeightDecay(0.05).withAmsgrad(true).create(p));
    CONFIGS.put("rmsprop", p -> new RMSprop(0.01).create(p));
    CONFIGS.put(
        "rmsprop_centered_momentum_wd",
        p -> new RMSprop(0.01).withMomentum(0.5).withCentered(true).withWeightDecay(0.1).create(p));
    CONFIGS.put("adagrad", p -> new Adagrad(0.1).create(p));
    CONFIGS.put(
        "adagrad_decay_init_wd",
        p ->
            new Adagrad(0.1)
                .withLrDecay(0.1)
                .withInitialAccumulator(0.5)
                .withWeightDecay(0.1)
                .create(p));
  }

  static JsonNode golden() throws IOException {
    try (InputStream in = OptimGoldenTest.class.getResourceAsStream("/golden/optim.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static float[] floats(JsonNode a) {
    float[] f = new float[a.size()];
    for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
    return f;
  }

  static List<Tensor> params(JsonNode g) {
    return List.of(
        Tensor.of(floats(g.get("p0").get(0)), 3, 2).requiresGrad(true),
        Tensor.of(floats(g.get("p0").get(1)), 4).requiresGrad(true));
  }

  static void setGrads(List<Tensor> ps, JsonNode g, int step) {
    ps.get(0).setGrad(Tensor.of(floats(g.get("grads").get(step).get(0)), 3, 2));
    ps.get(1).setGrad(Tensor.of(floats(g.get("grads").get(step).get(1)), 4));
  }

  @TestFactory
  Stream<DynamicTest> trajectoriesMatchTorchOptim() throws IOException {
    JsonNode g = golden();
    assertThat(g.get("trajectories").size()).isEqualTo(CONFIGS.size());
    return CONFIGS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      List<Tensor> ps = params(g);
                      Optimizer opt = e.getValue().apply(ps);
                      JsonNode traj = g.get("trajectories").get(e.getKey());
                      for (int s = 0; s < traj.size(); s++) {
                        setGrads(ps, g, s);
                        opt.step();
                        float[] want = floats(traj.get(s));
                        float[] got = concat(ps.get(0).toArray(), ps.get(1).toArray());
                        for (int i = 0; i < want.length; i++)
                          assertThat(got[i])
                              .as("%s step %d element %d", e.getKey(), s + 1, i)
                              .isCloseTo(want[i], within(2e-6f * (1 + Math.abs(want[i]))));
                      }
                    }));
  }

  static float[] concat(float[] a, float[] b) {
    float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void stateDictRoundTripContinuesIdentically() throws IOException {
    JsonNode g = golden();
    List<Tensor> a = params(g), b = params(g);
    Optimizer oa = Adam.adamW(0.02).withAmsgrad(true).create(a),
        ob = Adam.adamW(0.02).withAmsgrad(true).create(b);
    for (int s = 0; s < 3; s++) {
      setGrads(a, g, s);
      oa.step();
      setGrads(b, g, s);
      ob.step();
    }
    List<Tensor> c =
        List.of(
            Tensor.of(b.get(0).toArray(), 3, 2).requiresGrad(true),
            Tensor.of(b.get(1).toArray(), 4).requiresGrad(true));
    Optimizer oc = Adam.adamW(0.02).withAmsgrad(true).create(c);
    oc.loadStateDict(ob.stateDict());
    for (int s = 3; s < 5; s++) {
      setGrads(a, g, s);
      oa.step();
      setGrads(c, g, s);
      oc.step();
    }
    assertThat(c.get(0).toArray()).containsExactly(a.get(0).toArray());
    assertThat(c.get(1).toArray()).containsExactly(a.get(1).toArray());
  }

  @Test
  void schedulesMatchTorch() throws IOException {
    JsonNode s = golden().get("schedules");
    check(s.get("step"), Schedules.step(0.1, 3, 0.5));
    check(s.get("exponential"), Schedules.exponential(0.1, 0.9));
    check(s.get("cosine"), Schedules.cosine(0.1, 10, 0.001));
    Tensor p = Tensor.zeros(1).requiresGrad(true);
    Optimizer opt = new SGD(0.1).create(List.of(p));
    ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt, true, 0.5, 2, 1e-4, 1, 0);
    double[] metric = {1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85};
    JsonNode want = s.get("plateau");
    for (int e = 0; e < metric.length; e++) {
      assertThat(opt.lr()).as("epoch %d", e).isCloseTo(want.get(e).asDouble(), within(1e-12));
      plateau.step(metric[e]);
    }
  }

  private static void check(JsonNode want, Schedules.Schedule s) {
    for (int e = 0; e < want.size(); e++)
      assertThat(s.lr(e)).as("epoch %d", e).isCloseTo(want.get(e).asDouble(), within(1e-9));
  }

  @Test
  void warmupRampsLinearlyIntoTheSchedule() {
    Schedules.Schedule s = Schedules.cosine(0.1, 10, 0).afterWarmup(4, 0.25);
    assertThat(s.lr(0)).isCloseTo(0.025, within(1e-12));
    assertThat(s.lr(2)).isCloseTo(0.0625, within(1e-12));
    assertThat(s.lr(4)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void clipGradNormMatchesTorch() throws IOException {
    JsonNode g = golden();
    List<Tensor> ps = params(g);
    setGrads(ps, g, 0);
    for (Tensor p : ps) p.setGrad(p.grad().mul(3f));
    double norm = Clip.gradNorm(ps, 1.0, 2.0);
    assertThat(norm).isCloseTo(g.get("clip_norm").get("norm").asDouble(), within(1e-5));
    float[] want = floats(g.get("clip_norm").get("grads"));
    float[] got = concat(ps.get(0).grad().toArray(), ps.get(1).grad().toArray());
    for (int i = 0; i < want.length; i++) assertThat(got[i]).isCloseTo(want[i], within(1e-6f));
  }

  @Test
  void penaltiesFollowTheirStatedConventions() {
    Tensor w = Tensor.of(1f, -2f, 3f).requiresGrad(true);
    assertThat(Penalty.l1(List.of(w), 0.5).item()).isEqualTo(3f);
    assertThat(Penalty.l2(List.of(w), 0.5, false).item()).isEqualTo(7f);
    Tensor half = Penalty.l2(List.of(w), 0.5, true);
    half.backward();
    assertThat(w.grad().toArray())
        .containsExactly(0.5f, -1f, 1.5f); // gradient λw: SGD's weightDecay = λ
    assertThat(Penalty.elasticNet(List.of(w), 0.5, 0.5).item()).isEqualTo(10f);
  }
}
