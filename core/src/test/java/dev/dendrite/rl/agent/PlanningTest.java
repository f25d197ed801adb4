package dev.dendrite.rl.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;
import dev.dendrite.rl.env.FrozenLake;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanningTest {
  @Test
  void randomPolicyValuesOfExample41() {
    // Figure 4.1 of Sutton and Barto: v_pi of the equiprobable random policy, gamma = 1.
    double[][] pi = new double[16][4];
    for (double[] row : pi) Arrays.fill(row, 0.25);
    double[] v = PolicyEvaluation.evaluate(new GridWorld41(), pi, 1.0, 1e-10);
    double[] book = {0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0};
    for (int s = 0; s < 16; s++)
      assertThat(v[s]).as("state %d", s).isCloseTo(book[s], within(1e-7));
  }

  @Test
  void valueIterationFindsShortestPathValues() {
    // The optimal value is minus the number of steps to the nearer terminal corner.
    Plan p = ValueIteration.solve(new GridWorld41(), 1.0, 1e-12);
    for (int s = 0; s < 16; s++) {
      int r = s / 4, c = s % 4;
      int steps = Math.min(r + c, (3 - r) + (3 - c));
      assertThat(p.values()[s]).as("state %d", s).isEqualTo(-steps);
    }
    // From state 1 (next to the corner 0) the greedy move is left.
    assertThat(p.policy()[1]).isEqualTo(3);
    Plan pi = PolicyIteration.solve(new GridWorld41(), 0.9, 1e-12);
    Plan vi = ValueIteration.solve(new GridWorld41(), 0.9, 1e-12);
    for (int s = 0; s < 16; s++) assertThat(pi.values()[s]).isCloseTo(vi.values()[s], within(1e-9));
  }

  @Test
  void twoStateMdpSolvedByHand() {
    // State 0: "stay" earns 1 and stays; "go" earns 0 and moves to state 1 with prob 0.5 (else
    // stays). State 1: "stay" earns 2 and stays; "go" ends the episode with reward 0.
    // With gamma = 0.9: V(1) = 2 / 0.1 = 20; stay at 0 gives 1 / 0.1 = 10; go gives
    // x = 0.9 (0.5 * 20 + 0.5 x), so x = 9 / 0.55 = 16.3636...: go is optimal.
    TabularModel m =
        new TabularModel() {
          public int numStates() {
            return 2;
          }

          public int numActions() {
            return 2;
          }

          public List<Transition> transitions(int s, int a) {
            if (s == 0)
              return a == 0
                  ? List.of(new Transition(1, 0, 1, false))
                  : List.of(new Transition(0.5, 1, 0, false), new Transition(0.5, 0, 0, false));
            return a == 0
                ? List.of(new Transition(1, 1, 2, false))
                : List.of(new Transition(1, 1, 0, true));
          }
        };
    for (Plan p :
        new Plan[] {ValueIteration.solve(m, 0.9, 1e-12), PolicyIteration.solve(m, 0.9, 1e-12)}) {
      assertThat(p.values()[1]).isCloseTo(20, within(1e-9));
      assertThat(p.values()[0]).isCloseTo(9 / 0.55, within(1e-9));
      assertThat(p.policy()).containsExactly(1, 0);
    }
  }

  @Test
  void frozenLakeOptimalSuccessProbability() {
    // Without a time limit the best policy on the slippery 4x4 lake reaches the goal with
    // probability 14/17 (the 100-step limit lowers it to Gymnasium's quoted 0.74).
    Plan p = ValueIteration.solve(new FrozenLake("4x4", true), 1.0, 1e-12);
    assertThat(p.values()[0]).isCloseTo(14.0 / 17, within(1e-9));
    Plan pi = PolicyIteration.solve(new FrozenLake("4x4", true), 0.99, 1e-12);
    Plan vi = ValueIteration.solve(new FrozenLake("4x4", true), 0.99, 1e-12);
    assertThat(pi.policy()).containsExactly(vi.policy());
  }

  @Test
  void refusesOutOfRangeSettings() {
    assertThatThrownBy(() -> ValueIteration.solve(new GridWorld41(), 1.5, 1e-6))
        .hasMessage("ValueIteration: discount gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> PolicyIteration.solve(new GridWorld41(), -0.1, 1e-6))
        .hasMessage("PolicyIteration: discount gamma must be in [0, 1], got -0.1");
    assertThatThrownBy(() -> TdSettings.constant(-0.1, 0.9, 0.1))
        .hasMessage("TdSettings: learning rate alpha must be in (0, 1], got -0.1");
    assertThatThrownBy(() -> TdSettings.constant(0.1, 1.01, 0.1))
        .hasMessage("TdSettings: discount gamma must be in [0, 1], got 1.01");
    assertThatThrownBy(() -> TdSettings.constant(0.1, 0.9, 2))
        .hasMessage("TdSettings: epsilon must be in [0, 1], got 2.0");
  }
}
