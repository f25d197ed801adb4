package dev.dendrite.rl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Reset;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Box;
import dev.dendrite.rl.space.Discrete;
import dev.dendrite.rl.wrapper.TimeLimit;
import org.junit.jupiter.api.Test;

class CartPoleTest {
  @Test
  void matchesGymnasiumsStepFunctionToFloat64Precision() {
    ClassicTrajectories.replay(
        "CartPole-v1/",
        CartPole::new,
        CartPole::resetTo,
        CartPole::state,
        ClassicTrajectories::float32);
  }

  @Test
  void registeredWithA500StepLimitAndUniformReset() {
    Env<double[], Integer> env = Envs.make("CartPole-v1");
    assertThat(env).isInstanceOf(TimeLimit.class);
    assertThat(((TimeLimit<?, ?>) env).maxEpisodeSteps()).isEqualTo(500);
    assertThat(env.actionSpace()).isEqualTo(new Discrete(2));
    Box obs = (Box) env.observationSpace();
    assertThat(obs.high()[0]).isEqualTo((float) 4.8);
    assertThat(obs.high()[2]).isEqualTo((float) (48 * Math.PI / 360));
    assertThat(obs.high()[1]).isInfinite();
    for (long seed = 0; seed < 50; seed++) {
      double[] o = env.reset(seed).observation();
      for (double v : o) assertThat(v).isBetween(-0.05, 0.05);
      assertThat(obs.contains(o)).isTrue();
    }
  }

  @Test
  void sameSeedSameEpisodeAndTruncationAt500() {
    Env<double[], Integer> a = Envs.make("CartPole-v1");
    Env<double[], Integer> b = Envs.make("CartPole-v1");
    assertThat(a.reset(7).observation()).containsExactly(b.reset(7).observation());
    assertThat(a.reset(8).observation()).isNotEqualTo(b.reset(7).observation());
    a.reset(3);
    b.reset(3);
    for (int t = 0; t < 20; t++) {
      int act = t % 2;
      assertThat(a.step(act).observation()).containsExactly(b.step(act).observation());
    }
    // A controller that never lets the pole fall: the time limit ends the episode.
    Reset<double[]> r = a.reset(1);
    double[] o = r.observation();
    int steps = 0;
    double ret = 0;
    Step<double[]> s;
    do {
      s = a.step(o[2] + 0.5 * o[3] + 0.01 * o[0] + 0.05 * o[1] > 0 ? 1 : 0);
      o = s.observation();
      ret += s.reward();
      steps++;
    } while (!s.done());
    assertThat(steps).isEqualTo(500);
    assertThat(s.truncated()).isTrue();
    assertThat(s.terminated()).isFalse();
    assertThat(ret).isEqualTo(500.0);
    assertThatThrownBy(() -> a.step(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CartPole-v1: step() after the episode reached its 500-step limit");
  }

  @Test
  void refusesBadActionsAndSteppingAfterTheEnd() {
    CartPole env = new CartPole();
    assertThatThrownBy(() -> env.step(0)).hasMessage("CartPole-v1: step() before reset()");
    env.reset(0);
    assertThatThrownBy(() -> env.step(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CartPole-v1: action 2 is outside the action space Discrete(2)");
    Step<double[]> s;
    do s = env.step(1);
    while (!s.terminated());
    assertThat(s.reward()).isEqualTo(1.0);
    assertThatThrownBy(() -> env.step(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("CartPole-v1: step() after the episode terminated; call reset() first");
    env.reset();
    env.step(0); // reset starts a new episode
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Envs.make("CartPole-v7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown environment 'CartPole-v7'; known: CartPole-v1");
    assertThatThrownBy(() -> Envs.make("CartPole-v1", java.util.Map.of("gravity", 1)))
        .hasMessage("CartPole-v1: unknown argument 'gravity'; accepted: max_episode_steps");
  }

  @Test
  void rendersAsPlainText() {
    CartPole env = new CartPole();
    env.resetTo(new double[] {0, 0, 0.1, 0});
    String text = env.render();
    assertThat(text).contains("#").contains("/").contains("theta=+0.1000").doesNotContain("\u001b");
  }
}
