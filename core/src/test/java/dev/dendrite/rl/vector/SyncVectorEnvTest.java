package dev.dendrite.rl.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncVectorEnvTest {
  @Test
  void copiesAreSeededLikeSingleEnvironmentsAndResetOnTheNextStep() {
    SyncVectorEnv<double[], Integer> vec =
        SyncVectorEnv.make("CartPole-v1", 3, AutoresetMode.NEXT_STEP);
    var r = vec.reset(10);
    for (int i = 0; i < 3; i++) {
      Env<double[], Integer> single = Envs.make("CartPole-v1");
      assertThat(r.observations().get(i)).containsExactly(single.reset(10 + i).observation());
    }
    // Always push right: each copy's episode ends within a few dozen steps.
    List<Integer> right = Collections.nCopies(3, 1);
    boolean sawEnd = false;
    for (int t = 0; t < 100; t++) {
      boolean[] ended = new boolean[3];
      VectorStep<double[]> s = vec.step(right);
      for (int i = 0; i < 3; i++) ended[i] = s.terminated()[i] || s.truncated()[i];
      if (!ended[0]) continue;
      sawEnd = true;
      VectorStep<double[]> next = vec.step(right);
      // The copy that ended is reset: reward 0, flags false, a fresh start near the origin.
      assertThat(next.rewards()[0]).isZero();
      assertThat(next.terminated()[0]).isFalse();
      for (double v : next.observations().get(0)) assertThat(v).isBetween(-0.05, 0.05);
      break;
    }
    assertThat(sawEnd).isTrue();
  }

  @Test
  void sameStepModeReturnsTheFinalObservationInInfo() {
    SyncVectorEnv<Integer, Integer> vec =
        new SyncVectorEnv<>(
            () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", false)),
            2,
            AutoresetMode.SAME_STEP);
    vec.reset(0);
    VectorStep<Integer> s = null;
    for (int a : new int[] {2, 2, 1, 1, 1, 2}) s = vec.step(List.of(a, 0));
    assertThat(s.terminated()[0]).isTrue();
    assertThat(s.rewards()[0]).isEqualTo(1.0);
    assertThat(s.observations().get(0)).isZero(); // already reset to the start
    assertThat(s.infos().get(0)).containsEntry("final_obs", 15);
    assertThat(s.observations().get(1)).isZero(); // always left: stays at the start
  }

  @Test
  void sameSeedSameEpisodesAndDisabledModeRefusesToStepAnEndedCopy() {
    var a = SyncVectorEnv.<Integer, Integer>make("FrozenLake-v1", 4, AutoresetMode.NEXT_STEP);
    var b = SyncVectorEnv.<Integer, Integer>make("FrozenLake-v1", 4, AutoresetMode.NEXT_STEP);
    a.reset(5);
    b.reset(5);
    for (int t = 0; t < 300; t++) {
      List<Integer> acts = List.of(t % 4, (t + 1) % 4, 1, 2);
      VectorStep<Integer> x = a.step(acts), y = b.step(acts);
      assertThat(x.observations()).isEqualTo(y.observations());
      assertThat(x.rewards()).isEqualTo(y.rewards());
    }
    var d =
        new SyncVectorEnv<Integer, Integer>(
            () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", false)),
            1,
            AutoresetMode.DISABLED);
    d.reset(0);
    d.step(List.of(1));
    d.step(List.of(1)); // (2, 0)
    assertThat(d.step(List.of(1)).terminated()[0]).isTrue(); // the hole at (3, 0)
    assertThatThrownBy(() -> d.step(List.of(1))).hasMessageContaining("call reset() first");
    assertThatThrownBy(() -> d.step(List.of(1, 2)))
        .hasMessage("SyncVectorEnv: 2 actions for 1 environments");
  }
}
