package dev.dendrite.rl.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.wrapper.TimeLimit;
import org.junit.jupiter.api.Test;

class AcrobotTest {
  @Test
  void matchesGymnasiumsRungeKuttaStep() {
    ClassicTrajectories.replay(
        "Acrobot-v1/",
        Acrobot::new,
        Acrobot::resetTo,
        Acrobot::state,
        s ->
            ClassicTrajectories.float32(
                new double[] {
                  StrictMath.cos(s[0]),
                  StrictMath.sin(s[0]),
                  StrictMath.cos(s[1]),
                  StrictMath.sin(s[1]),
                  s[2],
                  s[3]
                }));
  }

  @Test
  void registeredWithA500StepLimitAndFloat32Start() {
    Env<double[], Integer> env = Envs.make("Acrobot-v1");
    assertThat(((TimeLimit<?, ?>) env).maxEpisodeSteps()).isEqualTo(500);
    env.reset(4);
    double[] s = ((Acrobot) env.unwrapped()).state();
    for (double v : s) {
      assertThat(v).isBetween(-0.1, 0.1);
      assertThat((double) (float) v).isEqualTo(v);
    }
    assertThat(env.observationSpace().contains(env.reset(5).observation())).isTrue();
    assertThat(env.render()).contains("tip height=");
  }
}
