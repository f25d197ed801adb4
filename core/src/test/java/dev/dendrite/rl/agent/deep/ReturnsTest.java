package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnsTest {
  // Two copies, three steps, step-major: index t * 2 + i. Copy 0's episode ends at step 1; copy 1
  // runs on past the rollout.
  static final float[] REWARDS = {1, 2, 0.5f, 1, 3, -1};
  static final boolean[] DONE = {false, false, true, false, false, false};
  static final float[] LAST = {10, 4};
  static final double GAMMA = 0.9;

  @Test
  void nStepReturnsStopAtAnEpisodesEndAndBootstrapFromTheLastValue() {
    float[] r = Returns.nStep(REWARDS, DONE, LAST, GAMMA, 2);
    // copy 0: step 2 (new episode): 3 + 0.9·10 = 12; step 1 ends: 0.5; step 0: 1 + 0.9·0.5 = 1.45
    // copy 1: step 2: -1 + 0.9·4 = 2.6; step 1: 1 + 0.9·2.6 = 3.34; step 0: 2 + 0.9·3.34 = 5.006
    float[] expected = {1.45f, 5.006f, 0.5f, 3.34f, 12f, 2.6f};
    for (int k = 0; k < 6; k++)
      assertThat(r[k]).as("k=%d", k).isCloseTo(expected[k], within(1e-5f));
  }

  @Test
  void gaeMatchesHandComputedDeltas() {
    float[] values = {1, 2, 3, 1, 2, 2};
    double lambda = 0.5;
    float[] adv = Returns.gae(REWARDS, values, DONE, LAST, GAMMA, lambda, 2);
    // copy 0: delta2 = 3 + 0.9·10 − 2 = 10, A2 = 10
    //         delta1 = 0.5 − 3 = −2.5 (done: no bootstrap, no carry), A1 = −2.5
    //         delta0 = 1 + 0.9·3 − 1 = 2.7, A0 = 2.7 + 0.45·(−2.5) = 1.575
    // copy 1: delta2 = −1 + 0.9·4 − 2 = 0.6, A2 = 0.6
    //         delta1 = 1 + 0.9·2 − 1 = 1.8, A1 = 1.8 + 0.45·0.6 = 2.07
    //         delta0 = 2 + 0.9·1 − 2 = 0.9, A0 = 0.9 + 0.45·2.07 = 1.8315
    float[] expected = {1.575f, 1.8315f, -2.5f, 2.07f, 10f, 0.6f};
    for (int k = 0; k < 6; k++)
      assertThat(adv[k]).as("k=%d", k).isCloseTo(expected[k], within(1e-5f));
  }

  @Test
  void gaeWithLambdaOneGivesTheNStepReturnsMinusTheValues() {
    float[] values = {0.3f, -1, 2, 0.5f, 4, 1};
    float[] adv = Returns.gae(REWARDS, values, DONE, LAST, GAMMA, 1.0, 2);
    float[] ret = Returns.nStep(REWARDS, DONE, LAST, GAMMA, 2);
    for (int k = 0; k < 6; k++) assertThat(adv[k] + values[k]).isCloseTo(ret[k], within(1e-5f));
  }

  @Test
  void gaeWithLambdaZeroIsTheOneStepTdError() {
    float[] values = {0.3f, -1, 2, 0.5f, 4, 1};
    float[] adv = Returns.gae(REWARDS, values, DONE, LAST, GAMMA, 0.0, 2);
    // copy 1, step 0: 2 + 0.9·0.5 − (−1) = 3.45
    assertThat(adv[1]).isCloseTo(3.45f, within(1e-6f));
  }

  @Test
  void discountedReturnOfAnEpisode() {
    assertThat(Returns.discounted(new float[] {1, 1, 1}, 0.5)).containsExactly(1.75f, 1.5f, 1f);
  }

  @Test
  void rejectsRaggedInput() {
    assertThatThrownBy(() -> Returns.nStep(new float[5], new boolean[5], new float[2], 0.9, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 rewards");
  }
}
