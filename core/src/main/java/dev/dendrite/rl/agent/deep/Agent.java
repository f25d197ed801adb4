package dev.dendrite.rl.agent.deep;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A deep agent for one environment with discrete actions: its hyper-parameters, its network, a
 * {@link #learn} loop, and {@link #act}, the deterministic policy used for evaluation (the greedy
 * action of DQN, the most probable action of a policy-gradient agent, as Stable-Baselines3's {@code
 * predict(deterministic=True)}).
 */
public abstract class Agent {
  final String envId;
  final HyperParameters hp;
  final Features features;
  final int obsSize;
  final int actions;
  private final float[] one;
  private final Tensor oneInput;

  Agent(String envId, HyperParameters hp) {
    this.envId = envId;
    this.hp = hp;
    Env<Object, Integer> probe = Envs.make(envId);
    this.features = new Features(probe.observationSpace());
    this.obsSize = features.size();
    this.actions = Agents.actionCount(probe);
    this.one = new float[obsSize];
    this.oneInput = Tensor.wrap(one, 1, obsSize);
  }

  /** The agent's registered name: {@code dqn}, {@code reinforce}, {@code a2c} or {@code ppo}. */
  public abstract String name();

  /** The environment the agent acts in. */
  public final String envId() {
    return envId;
  }

  /** The hyper-parameters (a live view; change them before {@link #learn}). */
  public final HyperParameters hyperParameters() {
    return hp;
  }

  /** The network whose weights an archive holds. */
  public abstract Module network();

  /**
   * Learns for {@code steps} environment steps, drawing exploration and environment seeds from
   * {@code seed}.
   */
  public abstract void learn(long steps, long seed, LearnListener listener);

  /** The deterministic action for an observation of the environment. */
  public final int act(Object observation) {
    features.write(observation, one, 0);
    float[] out;
    try (var off = Grad.disabled()) {
      out = network().forward(oneInput).toArray();
    }
    return Categorical.argmax(out, 0, actions);
  }

  /** Writes the agent to a {@code .dnd} archive, hyper-parameters in the metadata. */
  public final void save(Path file) throws IOException {
    AgentArchive.save(this, file);
  }

  /** What every agent reports, plus its own values. */
  static Progress progress(
      long envSteps, long total, EpisodeStats stats, Map<String, Double> metrics, long startNanos) {
    return new Progress(
        envSteps,
        total,
        stats.episodes(),
        stats.meanReturn(),
        metrics,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  static void checkSteps(long steps) {
    if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
  }

  @Override
  public String toString() {
    return name() + " on " + envId + " " + hp.asText();
  }
}
