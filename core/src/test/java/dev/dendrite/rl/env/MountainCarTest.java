package dev.dendrite.rl.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.wrapper.TimeLimit;
import org.junit.jupiter.api.Test;

class MountainCarTest {
  @Test
  void matchesGymnasiumsStepFunction() {
    ClassicTrajectories.replay(
        "MountainCar-v0/",
        MountainCar::new,
        MountainCar::resetTo,
        MountainCar::state,
        ClassicTrajectories::float32);
  }

  @Test
  void registeredWithA200StepLimitAndItsResetRange() {
    Env<double[], Integer> env = Envs.make("MountainCar-v0");
    assertThat(((TimeLimit<?, ?>) env).maxEpisodeSteps()).isEqualTo(200);
    for (long seed = 0; seed < 30; seed++) {
      double[] o = env.reset(seed).observation();
      assertThat(o[0]).isBetween(-0.6, -0.4);
      assertThat(o[1]).isZero();
    }
    // Doing nothing never reaches the flag: truncated after 200 steps with return -200.
    env.reset(0);
    double ret = 0;
    Step<double[]> s;
    int n = 0;
    do {
      s = env.step(1);
      ret += s.reward();
      n++;
    } while (!s.done());
    assertThat(n).isEqualTo(200);
    assertThat(s.truncated()).isTrue();
    assertThat(ret).isEqualTo(-200);
    assertThat(env.render()).contains("C").contains("F").contains("position=");
  }
}
