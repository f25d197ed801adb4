package dev.dendrite.rl.agent.deep;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent in a {@code .dnd} archive (safetensors): the network's weights, and in the metadata the
 * agent's name ({@code rl.agent}), its environment ({@code rl.env}) and every hyper-parameter
 * ({@code rl.hp.<name>}), so that loading rebuilds the same network and the same settings.
 */
public final class AgentArchive {
  static final String AGENT = "rl.agent";
  static final String ENV = "rl.env";
  static final String HP = "rl.hp.";
  static final String FORMAT = "dendrite-rl-agent-1";

  private AgentArchive() {}

  static void save(Agent agent, Path file) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put(AGENT, agent.name());
    meta.put(ENV, agent.envId());
    for (var e : agent.hyperParameters().asText().entrySet())
      meta.put(HP + e.getKey(), e.getValue());
    Safetensors.write(file, agent.network().stateDict(), meta);
  }

  /**
   * Loads an agent saved by {@link Agent#save}.
   *
   * @throws IOException naming the file if it is missing, not an agent archive, or its weights do
   *     not fit the network its hyper-parameters describe
   */
  public static Agent load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    Safetensors.Contents c = Safetensors.read(file);
    Map<String, String> meta = c.metadata();
    if (!FORMAT.equals(meta.get("format")) || meta.get(AGENT) == null)
      throw new IOException(
          file
              + ": not an agent archive (no "
              + AGENT
              + " in its metadata; format "
              + meta.get("format")
              + ")");
    try {
      HyperParameters hp = Agents.defaults(meta.get(AGENT));
      for (var e : meta.entrySet())
        if (e.getKey().startsWith(HP)) hp.set(e.getKey().substring(HP.length()), e.getValue());
      Agent agent = Agents.create(meta.get(AGENT), meta.get(ENV), hp, 0);
      ModelArchive.loadWeights(agent.network(), c.tensors(), true, file.toString());
      return agent;
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
