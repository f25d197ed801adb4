package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {
  @Test
  void outOfRangeValuesNameTheAllowedRange() {
    assertThatThrownBy(() -> Dqn.defaults().set("gamma", "1.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dqn: gamma must be a number in [0, 1], got 1.5");
    assertThatThrownBy(() -> Ppo.defaults().set("learning_rate", "-0.001"))
        .hasMessage("ppo: learning_rate must be a number in (0, inf), got -0.001");
    assertThatThrownBy(() -> Ppo.defaults().set("batch_size", "6.5"))
        .hasMessageContaining("batch_size must be an integer in [1, ");
    assertThatThrownBy(() -> Dqn.defaults().set("double_q", "maybe"))
        .hasMessageContaining("double_q must be true or false");
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> A2c.defaults().set("lr", "0.1"))
        .hasMessageStartingWith("a2c: unknown hyper-parameter 'lr'; known: learning_rate, n_envs");
    assertThatThrownBy(() -> Agents.defaults("sac"))
        .hasMessage("unknown agent 'sac'; known: dqn, reinforce, a2c, ppo");
    assertThatThrownBy(() -> Agents.create("dqn", "Pong-v5", Map.of(), 0))
        .hasMessageStartingWith("unknown environment 'Pong-v5'; known: CartPole-v1");
  }

  @Test
  void valuesRoundTripAsText() {
    HyperParameters hp = Dqn.defaults().setAll(Map.of("gamma", "0.98", "dueling", "true"));
    assertThat(hp.asText()).containsEntry("gamma", "0.98").containsEntry("dueling", "true");
    HyperParameters back = Dqn.defaults().setAll(hp.asText());
    assertThat(back.values()).isEqualTo(hp.values());
  }
}
