package dev.dendrite.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups against torch.optim's param_groups (golden/param_groups.json from
 * gen_transfer_golden.py): two groups with their own lr and weight decay, a frozen parameter, the
 * rates halved before the third step.
 */
class ParamGroupsTest {
  static JsonNode golden() throws IOException {
    try (InputStream in = ParamGroupsTest.class.getResourceAsStream("/golden/param_groups.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static float[] floats(JsonNode n) {
    float[] f = new float[n.size()];
    for (int i = 0; i < f.length; i++) f[i] = (float) n.get(i).asDouble();
    return f;
  }

  static final int[][] SHAPES = {{3, 2}, {4}, {2}};

  private void check(String name, java.util.function.Function<List<Tensor>, Optimizer> make)
      throws IOException {
    JsonNode g = golden();
    List<Tensor> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++)
      ps.add(Tensor.of(floats(g.get("p0").get(i)), SHAPES[i]).requiresGrad(true));
    ps.get(2).requiresGrad(false);
    Optimizer opt = make.apply(ps);
    for (int s = 0; s < 3; s++) {
      if (s == 2) opt.setLr(opt.lr() * 0.5);
      for (int i = 0; i < 3; i++)
        ps.get(i).setGrad(Tensor.of(floats(g.get("grads").get(s).get(i)), SHAPES[i]));
      opt.step();
      for (int i = 0; i < 3; i++) {
        float[] want = floats(g.get("trajectories").get(name).get(s).get(i));
        float[] got = ps.get(i).toArray();
        for (int k = 0; k < want.length; k++)
          assertThat(got[k])
              .as("%s step %d param %d [%d]", name, s, i, k)
              .isCloseTo(want[k], within(2e-6f));
      }
    }
  }

  @Test
  void sgdGroupsMatchTorch() throws IOException {
    check(
        "sgd",
        ps ->
            ParamGroups.of(
                new SGD(0.1).withMomentum(0.9).withWeightDecay(0.01).create(List.of(ps.get(0))),
                new SGD(0.02).withMomentum(0.9).create(List.of(ps.get(1), ps.get(2)))));
  }

  @Test
  void adamGroupsMatchTorch() throws IOException {
    check(
        "adam",
        ps ->
            ParamGroups.of(
                new Adam(0.01).withWeightDecay(0.1).create(List.of(ps.get(0))),
                new Adam(0.001).create(List.of(ps.get(1), ps.get(2)))));
  }

  @Test
  void schedulesKeepTheRatioAndStateRoundTrips() {
    Tensor a = Tensor.ones(2).requiresGrad(true), b = Tensor.ones(3).requiresGrad(true);
    ParamGroups opt =
        ParamGroups.of(new Adam(0.01).create(List.of(a)), new Adam(0.1).create(List.of(b)));
    opt.setLr(0.005);
    assertThat(opt.groups().get(1).lr()).isCloseTo(0.05, within(1e-15));
    a.setGrad(Tensor.ones(2));
    b.setGrad(Tensor.ones(3));
    opt.step();
    Map<String, Tensor> sd = opt.stateDict();
    assertThat(sd).containsKeys("0.exp_avg", "1.exp_avg", "1.step");
    assertThat(sd.get("1.exp_avg").shape()).containsExactly(3);
    ParamGroups again =
        ParamGroups.of(new Adam(0.01).create(List.of(a)), new Adam(0.1).create(List.of(b)));
    again.loadStateDict(sd);
    assertThat(again.stateDict().get("1.exp_avg").toArray())
        .containsExactly(sd.get("1.exp_avg").toArray());
  }
}
