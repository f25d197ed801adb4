package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DqnTargetsTest {
  static final float[] REWARDS = {1, 0.5f, -1};
  static final boolean[] TERMINATED = {false, true, false};
  // Q_target(s', ·) for three transitions and three actions.
  static final float[] NEXT_TARGET = {2, 5, 3, 9, 9, 9, -1, -4, -2};
  static final float[] NEXT_ONLINE = {7, 1, 8, 0, 0, 0, 0, 3, 1};

  @Test
  void plainDqnBootstrapsFromTheTargetNetworksMaximum() {
    float[] y = DqnTargets.compute(REWARDS, TERMINATED, NEXT_TARGET, null, 3, 0.9);
    // 1 + 0.9·5 = 5.5; terminal: 0.5; −1 + 0.9·(−1) = −1.9
    assertThat(y[0]).isCloseTo(5.5f, within(1e-6f));
    assertThat(y[1]).isEqualTo(0.5f);
    assertThat(y[2]).isCloseTo(-1.9f, within(1e-6f));
  }

  @Test
  void doubleDqnEvaluatesTheOnlineNetworksChoiceWithTheTargetNetwork() {
    float[] y = DqnTargets.compute(REWARDS, TERMINATED, NEXT_TARGET, NEXT_ONLINE, 3, 0.9);
    // online picks action 2 (8): 1 + 0.9·3 = 3.7; terminal: 0.5; online picks 1: −1 + 0.9·(−4)
    assertThat(y[0]).isCloseTo(3.7f, within(1e-6f));
    assertThat(y[1]).isEqualTo(0.5f);
    assertThat(y[2]).isCloseTo(-4.6f, within(1e-6f));
  }

  @Test
  void epsilonFallsLinearlyThenStays() {
    assertThat(Dqn.epsilon(1.0, 0.04, 0.16, 0, 1000)).isEqualTo(1.0);
    assertThat(Dqn.epsilon(1.0, 0.04, 0.16, 80, 1000)).isCloseTo(0.52, within(1e-12));
    assertThat(Dqn.epsilon(1.0, 0.04, 0.16, 500, 1000)).isEqualTo(0.04);
  }
}
