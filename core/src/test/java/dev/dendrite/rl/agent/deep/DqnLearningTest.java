package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A short DQN run (rl-zoo's settings, a narrower network) must clearly beat a random policy. */
class DqnLearningTest {
  @Test
  void dqnBeatsARandomPolicyAfterAShortRun() {
    Agent dqn = Agents.create("dqn", "CartPole-v1", Map.of("net_width", "64"), 1);
    dqn.learn(6000, 1, LearnListener.NONE);
    double random = PpoLearningTest.randomPolicyMean(20, 1_000_000);
    double learned = Evaluation.run(dqn, 20, 1_000_000).mean();
    assertThat(learned).as("DQN after 6k steps vs random %.1f", random).isGreaterThan(3 * random);
  }
}
