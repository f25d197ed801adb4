package dev.dendrite.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;
import dev.dendrite.rl.wrapper.TimeLimit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToyTextTest {
  static JsonNode golden() throws IOException {
    try (InputStream in = ToyTextTest.class.getResourceAsStream("/golden/rl_tables.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static void assertTable(String name, TabularModel m, JsonNode t) {
    assertThat(m.numStates()).as(name).isEqualTo(t.size());
    for (int s = 0; s < t.size(); s++) {
      assertThat(m.numActions()).isEqualTo(t.get(s).size());
      for (int a = 0; a < t.get(s).size(); a++) {
        JsonNode want = t.get(s).get(a);
        List<Transition> got = m.transitions(s, a);
        assertThat(got).as("%s P[%d][%d]", name, s, a).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
          JsonNode w = want.get(i);
          assertThat(got.get(i))
              .as("%s P[%d][%d][%d]", name, s, a, i)
              .isEqualTo(
                  new Transition(
                      w.get(0).asDouble(),
                      w.get(1).asInt(),
                      w.get(2).asDouble(),
                      w.get(3).asBoolean()));
        }
      }
    }
  }

  @Test
  void transitionTablesEqualGymnasiums() throws IOException {
    JsonNode root = golden();
    JsonNode g = root.get("tables");
    assertTable("4x4 slippery", new FrozenLake("4x4", true), g.get("FrozenLake-4x4-slippery"));
    assertTable("4x4", new FrozenLake("4x4", false), g.get("FrozenLake-4x4"));
    assertTable("8x8 slippery", new FrozenLake("8x8", true), g.get("FrozenLake-8x8-slippery"));
    assertTable("8x8", new FrozenLake("8x8", false), g.get("FrozenLake-8x8"));
    assertTable("cliff", new CliffWalking(), g.get("CliffWalking"));
    assertTable("cliff slippery", new CliffWalking(true), g.get("CliffWalking-slippery"));
    Taxi taxi = new Taxi();
    assertTable("taxi", taxi, g.get("Taxi"));
    double[] init = taxi.initialDistribution();
    for (int s = 0; s < 500; s++)
      assertThat(init[s]).isEqualTo(root.get("taxi_initial").get(s).asDouble());
  }

  @Test
  void registeredWithGymnasiumsLimitsAndArguments() {
    Env<Integer, Integer> lake = Envs.make("FrozenLake-v1");
    assertThat(((TimeLimit<?, ?>) lake).maxEpisodeSteps()).isEqualTo(100);
    assertThat(((FrozenLake) lake.unwrapped()).slippery()).isTrue();
    Env<Integer, Integer> lake8 =
        Envs.make("FrozenLake-v1", Map.of("map_name", "8x8", "is_slippery", false));
    assertThat(((FrozenLake) lake8.unwrapped()).rows()).isEqualTo(8);
    assertThat(((FrozenLake) lake8.unwrapped()).slippery()).isFalse();
    assertThat(lake8.id()).isEqualTo("FrozenLake-v1"); // the name it was made by
    assertThat(Envs.make("FrozenLake8x8-v1").id()).isEqualTo("FrozenLake8x8-v1");
    assertThat(((TimeLimit<?, ?>) Envs.make("FrozenLake8x8-v1")).maxEpisodeSteps()).isEqualTo(200);
    assertThat(((TimeLimit<?, ?>) Envs.make("Taxi-v3")).maxEpisodeSteps()).isEqualTo(200);
    assertThat((Object) Envs.make("CliffWalking-v0")).isInstanceOf(CliffWalking.class);
    assertThatThrownBy(() -> Envs.make("FrozenLake-v1", Map.of("map_name", "5x5")))
        .hasMessage("FrozenLake: unknown map_name '5x5'; known: 4x4, 8x8");
    assertThatThrownBy(() -> Envs.make("CliffWalking-v0", Map.of("is_slippery", "yes")))
        .hasMessage("CliffWalking: is_slippery must be true or false, got yes");
  }

  @Test
  void stepsFollowTheTableAndRender() {
    // Not slippery: right, right, down, down, down, right reaches the 4x4 goal.
    Env<Integer, Integer> lake = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
    assertThat(lake.reset(0).observation()).isZero();
    int[] path = {2, 2, 1, 1, 1, 2};
    Step<Integer> s = null;
    for (int a : path) s = lake.step(a);
    assertThat(s.observation()).isEqualTo(15);
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(s.terminated()).isTrue();
    assertThat(s.info()).containsEntry("prob", 1.0);
    assertThat(lake.render()).startsWith("  (Right)\n").contains("[G]").doesNotContain("\u001b");
    // Slippery: each of the three outcomes of P[s][a] occurs about a third of the time.
    FrozenLake slip = new FrozenLake("4x4", true);
    int[] count = new int[16];
    for (int i = 0; i < 3000; i++) {
      slip.reset(i);
      count[slip.step(FrozenLake.DOWN).observation()]++;
    }
    // From 0, down: left stays at 0, down goes to 4, right goes to 1.
    assertThat(count[0]).isBetween(900, 1100);
    assertThat(count[4]).isBetween(900, 1100);
    assertThat(count[1]).isBetween(900, 1100);
  }

  @Test
  void cliffSendsBackToTheStartAndTaxiMasksActions() {
    CliffWalking cliff = new CliffWalking();
    assertThat(cliff.reset(0).observation()).isEqualTo(CliffWalking.START);
    Step<Integer> s = cliff.step(CliffWalking.RIGHT);
    assertThat(s.observation()).isEqualTo(CliffWalking.START);
    assertThat(s.reward()).isEqualTo(-100);
    assertThat(s.terminated()).isFalse();
    assertThat(cliff.render())
        .isEqualTo(
            "o  o  o  o  o  o  o  o  o  o  o  o\n".repeat(3)
                + "x  C  C  C  C  C  C  C  C  C  C  T\n\n");
    Taxi taxi = new Taxi();
    var r = taxi.reset(3);
    int[] d = Taxi.decode(r.observation());
    assertThat(d[2]).isNotEqualTo(d[3]).isLessThan(4);
    assertThat(Taxi.encode(d[0], d[1], d[2], d[3])).isEqualTo(r.observation());
    assertThat((int[]) r.info().get("action_mask")).isEqualTo(Taxi.actionMask(r.observation()));
    assertThat(Taxi.actionMask(Taxi.encode(0, 0, 0, 1))).containsExactly(1, 0, 1, 0, 1, 0);
    assertThat(taxi.render()).contains("+---------+").doesNotContain("\u001b");
    assertThatThrownBy(() -> taxi.step(6))
        .hasMessage("Taxi-v3: action 6 is outside the action space Discrete(6)");
  }

  @Test
  void gridWorldsDrawFrames() {
    FrozenLake lake = new FrozenLake("8x8", true);
    lake.reset(0);
    BufferedImage img = lake.frame();
    assertThat(img.getWidth()).isEqualTo(8 * GridPicture.CELL);
    // The agent's red disc sits at the centre of the start cell.
    int rgb = img.getRGB(GridPicture.CELL / 2, GridPicture.CELL / 2);
    assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
    assertThat(new CliffWalking().frame().getHeight()).isEqualTo(4 * GridPicture.CELL);
    Taxi taxi = new Taxi();
    taxi.reset(0);
    assertThat(taxi.frame().getWidth()).isEqualTo(5 * GridPicture.CELL);
  }
}
