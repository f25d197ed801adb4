package dev.dendrite.rl.agent.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.io.Safetensors;
import dev.dendrite.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentArchiveTest {
  @TempDir Path dir;

  @Test
  void everyAgentRoundTripsWithItsHyperParameters() throws IOException {
    for (String name : Agents.names()) {
      Map<String, String> hp = Map.of("net_width", "16", "gamma", "0.95");
      Agent a = Agents.create(name, "CartPole-v1", hp, 7);
      Path f = dir.resolve(name + ".dnd");
      a.save(f);
      assertThat(Safetensors.read(f).metadata())
          .containsEntry("rl.agent", name)
          .containsEntry("rl.env", "CartPole-v1")
          .containsEntry("rl.hp.gamma", "0.95")
          .containsEntry("rl.hp.net_width", "16");
      Agent b = AgentArchive.load(f);
      assertThat(b.name()).isEqualTo(name);
      assertThat(b.hyperParameters().values()).isEqualTo(a.hyperParameters().values());
      Rng rng = new Rng(3);
      for (int k = 0; k < 50; k++) {
        double[] obs = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), 0.3};
        assertThat(b.act(obs)).as("%s observation %d", name, k).isEqualTo(a.act(obs));
      }
      assertThat(b.network().stateDict().keySet()).isEqualTo(a.network().stateDict().keySet());
    }
  }

  @Test
  void duelingQNetworkKeepsItsValueHead() throws IOException {
    Agent a = Agents.create("dqn", "CartPole-v1", Map.of("dueling", "true", "net_width", "8"), 1);
    assertThat(a.network().stateDict()).containsKey("value.weight");
    Path f = dir.resolve("d.dnd");
    a.save(f);
    assertThat(AgentArchive.load(f).network().stateDict()).containsKey("value.weight");
  }

  @Test
  void aPlainModelIsNotAnAgent() throws IOException {
    Path f = dir.resolve("plain.dnd");
    Safetensors.write(f, Map.of(), Map.of("format", "dendrite-model-1"));
    assertThatThrownBy(() -> AgentArchive.load(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an agent archive");
    assertThatThrownBy(() -> AgentArchive.load(dir.resolve("missing.dnd")))
        .hasMessageContaining("no such file");
    assertThat(Files.exists(f)).isTrue();
  }
}
