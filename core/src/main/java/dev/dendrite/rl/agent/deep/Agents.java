package dev.dendrite.rl.agent.deep;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.space.Discrete;
import java.util.List;
import java.util.Map;

/** The deep agents by name, as the command line and archives refer to them. */
public final class Agents {
  private Agents() {}

  /** The known agent names. */
  public static List<String> names() {
    return List.of("dqn", "reinforce", "a2c", "ppo");
  }

  /**
   * The hyper-parameters of agent {@code name} with their defaults.
   *
   * @throws IllegalArgumentException listing the known agents for an unknown name
   */
  public static HyperParameters defaults(String name) {
    return switch (name) {
      case "dqn" -> Dqn.defaults();
      case "reinforce" -> Reinforce.defaults();
      case "a2c" -> A2c.defaults();
      case "ppo" -> Ppo.defaults();
      default ->
          throw new IllegalArgumentException(
              "unknown agent '" + name + "'; known: " + String.join(", ", names()));
    };
  }

  /**
   * A fresh agent {@code name} for environment {@code envId}, with {@code settings} overriding the
   * default hyper-parameters, its weights drawn from {@code seed}.
   */
  public static Agent create(String name, String envId, Map<String, String> settings, long seed) {
    HyperParameters hp = defaults(name).setAll(settings);
    return create(name, envId, hp, seed);
  }

  static Agent create(String name, String envId, HyperParameters hp, long seed) {
    Envs.spec(envId); // an unknown environment fails here, listing the known ones
    return switch (name) {
      case "dqn" -> new Dqn(envId, hp, seed);
      case "reinforce" -> new Reinforce(envId, hp, seed);
      case "a2c" -> new A2c(envId, hp, seed);
      case "ppo" -> new Ppo(envId, hp, seed);
      default -> throw new IllegalArgumentException("unknown agent '" + name + "'");
    };
  }

  /** The number of actions of an environment with a {@link Discrete} action space. */
  static int actionCount(Env<?, ?> env) {
    if (!(env.actionSpace() instanceof Discrete d))
      throw new IllegalArgumentException(
          env.id() + ": the deep agents need a Discrete action space, got " + env.actionSpace());
    if (d.start() != 0)
      throw new IllegalArgumentException(
          env.id() + ": the deep agents need actions numbered from 0, got " + d);
    return d.n();
  }
}
