package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnPolicySmokeTest {
  @Test
  void a2cAndReinforceReportFiniteLossesAndCountEverySteps() {
    for (String name : List.of("a2c", "reinforce")) {
      Agent a = Agents.create(name, "CartPole-v1", Map.of("net_width", "16"), 2);
      List<Progress> reports = new ArrayList<>();
      long[] episodeSteps = {0};
      a.learn(
          2000,
          2,
          new LearnListener() {
            @Override
            public void progress(Progress p) {
              reports.add(p);
            }

            @Override
            public void episode(long envStep, double ret, int length) {
              episodeSteps[0] += length;
              assertThat(ret).isEqualTo(length); // CartPole pays 1 per step
            }
          });
      Progress last = reports.getLast();
      assertThat(last.envSteps()).as(name).isEqualTo(2000);
      assertThat(last.episodes()).as(name).isPositive();
      assertThat(episodeSteps[0]).as(name).isBetween(2000L - 500, 2000L);
      assertThat(reports)
          .as(name)
          .anyMatch(p -> p.metrics().containsKey("value_loss"))
          .allMatch(p -> p.metrics().values().stream().allMatch(Double::isFinite));
    }
  }
}
