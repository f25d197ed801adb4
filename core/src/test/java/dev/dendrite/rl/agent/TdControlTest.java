package dev.dendrite.rl.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.env.CliffWalking;
import dev.dendrite.rl.env.FrozenLake;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TdControlTest {
  static final TdSettings CLIFF = TdSettings.constant(0.5, 1.0, 0.1); // Example 6.6

  @Test
  void cliffWalkingSarsaSafeQLearningOptimal() {
    Env<Integer, Integer> env = Envs.make("CliffWalking-v0");
    double sarsaSum = 0, qSum = 0;
    int runs = 5, episodes = 500;
    for (int run = 0; run < runs; run++) {
      Sarsa sarsa = new Sarsa(48, 4, CLIFF, run);
      QLearning q = new QLearning(48, 4, CLIFF, run);
      double[] rs = sarsa.train(env, episodes);
      double[] rq = q.train(env, episodes);
      // Online returns after the first 100 episodes: SARSA's safe path beats Q-learning's, which
      // keeps falling off the edge while it explores.
      sarsaSum += Arrays.stream(rs, 100, episodes).average().orElseThrow();
      qSum += Arrays.stream(rq, 100, episodes).average().orElseThrow();
      // Q-learning's greedy path is the optimal one along the cliff's edge: up, 11 x right, down.
      int[] path = Rollouts.path(env, q.greedyPolicy(), 100);
      int[] edge = new int[14];
      edge[0] = CliffWalking.START;
      for (int c = 0; c <= 11; c++) edge[1 + c] = 24 + c;
      edge[13] = CliffWalking.GOAL;
      assertThat(path).as("run %d", run).containsExactly(edge);
      // SARSA's greedy path keeps away from the cells above the cliff (row 2, columns 1 to 10),
      // all ten of which Q-learning's path walks along.
      // (With a constant alpha = 0.5 it may stall against the top wall: the path stops at the
      // first repeated state.)
      int[] safe = Rollouts.path(env, sarsa.greedyPolicy(), 100);
      long onEdge =
          Arrays.stream(safe).filter(s -> s / 12 == 2 && s % 12 >= 1 && s % 12 <= 10).count();
      assertThat(onEdge).as("run %d: %s", run, Arrays.toString(safe)).isLessThanOrEqualTo(3);
    }
    sarsaSum /= runs;
    qSum /= runs;
    assertThat(sarsaSum).isGreaterThan(qSum + 10);
    assertThat(sarsaSum).isBetween(-35.0, -15.0); // the book's Figure 6.4: about -25
    assertThat(qSum).isBetween(-70.0, -35.0); // about -50
  }

  @Test
  void expectedSarsaOnlineReturnsBeatQLearningsOnTheCliff() {
    Env<Integer, Integer> env = Envs.make("CliffWalking-v0");
    ExpectedSarsa e = new ExpectedSarsa(48, 4, CLIFF, 7);
    QLearning q = new QLearning(48, 4, CLIFF, 7);
    double re = Arrays.stream(e.train(env, 500), 100, 500).average().orElseThrow();
    double rq = Arrays.stream(q.train(env, 500), 100, 500).average().orElseThrow();
    assertThat(re).isGreaterThan(rq);
    int[] path = Rollouts.path(env, e.greedyPolicy(), 100);
    assertThat(path[path.length - 1]).isEqualTo(CliffWalking.GOAL);
  }

  @Test
  void qLearningMatchesValueIterationOnSlipperyFrozenLake4x4() {
    // The 8x8 figure (100,000 episodes) is in docs/rl.md; the 4x4 map keeps this test fast.
    Env<Integer, Integer> env = Envs.make("FrozenLake-v1");
    FrozenLake lake = (FrozenLake) env.unwrapped();
    Plan vi = ValueIteration.solve(lake, 1.0, 1e-10);
    QLearning q = new QLearning(16, 4, new TdSettings(0.1, 0.01, 0.99, 1.0, 0.05, 20_000), 1);
    q.train(env, 20_000);
    double optimum = Rollouts.meanReturn(env, vi.policy(), 10_000, 99);
    double learned = Rollouts.meanReturn(env, q.greedyPolicy(), 10_000, 99);
    assertThat(optimum).isBetween(0.72, 0.76); // 0.74 by Gymnasium's registry
    assertThat(Math.abs(learned - optimum)).isLessThanOrEqualTo(0.03);
  }

  @Test
  void refusesAnEnvironmentWithOtherActions() {
    QLearning q = new QLearning(500, 4, CLIFF, 0);
    Env<Integer, Integer> taxi = Envs.make("Taxi-v3");
    assertThatThrownBy(() -> q.train(taxi, 1))
        .hasMessage("QLearning: the table has 4 actions but Taxi-v3 has Discrete(6)");
  }

  @Test
  void sameSeedSameLearning() {
    Env<Integer, Integer> env = Envs.make("Taxi-v3");
    TdSettings s = new TdSettings(0.5, 0.1, 0.95, 1.0, 0.1, 300);
    double[] a = new Sarsa(500, 6, s, 3).train(env, 300);
    double[] b = new Sarsa(500, 6, s, 3).train(env, 300);
    assertThat(a).containsExactly(b);
    // Taxi is learned: late episodes return more than the random start.
    double early = Arrays.stream(a, 0, 50).average().orElseThrow();
    double late = Arrays.stream(a, 250, 300).average().orElseThrow();
    assertThat(late).isGreaterThan(early + 100);
  }
}
