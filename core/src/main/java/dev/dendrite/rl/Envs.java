package dev.dendrite.rl;

import dev.dendrite.rl.env.Acrobot;
import dev.dendrite.rl.env.CartPole;
import dev.dendrite.rl.env.CliffWalking;
import dev.dendrite.rl.env.FrozenLake;
import dev.dendrite.rl.env.MountainCar;
import dev.dendrite.rl.env.Taxi;
import dev.dendrite.rl.wrapper.TimeLimit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of environments by name, as Gymnasium's {@code gymnasium.make}: {@code
 * Envs.make("CartPole-v1")} builds the environment and wraps it in the {@link TimeLimit} it is
 * registered with.
 */
public final class Envs {
  private static final Map<String, EnvSpec> REGISTRY = new LinkedHashMap<>();

  static {
    register(new EnvSpec("CartPole-v1", kw -> new CartPole(), Map.of(), 500, 475.0));
    register(
        new EnvSpec(
            "MountainCar-v0",
            kw -> new MountainCar(number("MountainCar-v0", kw, "goal_velocity")),
            Map.of("goal_velocity", 0.0),
            200,
            -110.0));
    register(new EnvSpec("Acrobot-v1", kw -> new Acrobot(), Map.of(), 500, -100.0));
    Map<String, Object> lake4 = new LinkedHashMap<>();
    lake4.put("map_name", "4x4");
    lake4.put("is_slippery", true);
    Map<String, Object> lake8 = new LinkedHashMap<>(lake4);
    lake8.put("map_name", "8x8");
    register(new EnvSpec("FrozenLake-v1", kw -> frozenLake("FrozenLake-v1", kw), lake4, 100, 0.70));
    register(
        new EnvSpec(
            "FrozenLake8x8-v1", kw -> frozenLake("FrozenLake8x8-v1", kw), lake8, 200, 0.85));
    register(
        new EnvSpec(
            "CliffWalking-v0",
            kw -> new CliffWalking(bool("CliffWalking", kw, "is_slippery")),
            Map.of("is_slippery", false),
            0,
            Double.NaN));
    register(
        new EnvSpec(
            "CliffWalkingSlippery-v1",
            kw -> new CliffWalking(bool("CliffWalking", kw, "is_slippery")),
            Map.of("is_slippery", true),
            0,
            Double.NaN));
    register(new EnvSpec("Taxi-v3", kw -> new Taxi(), Map.of(), 200, 8.0));
  }

  private Envs() {}

  /** Adds an environment to the registry; its id must be new. */
  public static synchronized void register(EnvSpec spec) {
    if (REGISTRY.containsKey(spec.id()))
      throw new IllegalArgumentException("environment " + spec.id() + " is already registered");
    REGISTRY.put(spec.id(), spec);
  }

  /** The registered names, in registration order. */
  public static synchronized List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * The spec registered under {@code id}.
   *
   * @throws IllegalArgumentException naming the known environments if there is none
   */
  public static synchronized EnvSpec spec(String id) {
    EnvSpec s = REGISTRY.get(id);
    if (s == null)
      throw new IllegalArgumentException(
          "unknown environment '" + id + "'; known: " + String.join(", ", REGISTRY.keySet()));
    return s;
  }

  /**
   * Builds the environment registered under {@code id} with its default arguments and time limit.
   * The caller names the types, as in {@code Env<double[], Integer> env =
   * Envs.make("CartPole-v1")}.
   */
  public static <O, A> Env<O, A> make(String id) {
    return make(id, Map.of());
  }

  /**
   * Builds the environment registered under {@code id}, with keyword arguments overriding its
   * defaults (such as {@code map_name} and {@code is_slippery} for FrozenLake) and {@code
   * max_episode_steps} overriding its time limit (0 for none).
   */
  @SuppressWarnings("unchecked")
  public static <O, A> Env<O, A> make(String id, Map<String, ?> kwargs) {
    EnvSpec spec = spec(id);
    Map<String, Object> merged = new LinkedHashMap<>(spec.kwargs());
    int limit = spec.maxEpisodeSteps();
    for (var e : kwargs.entrySet()) {
      if (e.getKey().equals("max_episode_steps")) {
        if (!(e.getValue() instanceof Integer n) || n < 0)
          throw new IllegalArgumentException(
              id + ": max_episode_steps must be an integer >= 0, got " + e.getValue());
        limit = n;
      } else if (!merged.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            id
                + ": unknown argument '"
                + e.getKey()
                + "'; accepted: "
                + String.join(", ", accepted(spec)));
      } else merged.put(e.getKey(), e.getValue());
    }
    Env<O, A> env = (Env<O, A>) spec.factory().apply(merged);
    return limit > 0 ? new TimeLimit<>(env, limit) : env;
  }

  private static Env<?, ?> frozenLake(String id, Map<String, Object> kw) {
    return new FrozenLake(
        FrozenLake.mapOf(String.valueOf(kw.get("map_name"))),
        bool("FrozenLake", kw, "is_slippery"),
        id);
  }

  private static boolean bool(String env, Map<String, Object> kw, String key) {
    if (!(kw.get(key) instanceof Boolean b))
      throw new IllegalArgumentException(
          env + ": " + key + " must be true or false, got " + kw.get(key));
    return b;
  }

  private static double number(String env, Map<String, Object> kw, String key) {
    if (!(kw.get(key) instanceof Number n))
      throw new IllegalArgumentException(
          env + ": " + key + " must be a number, got " + kw.get(key));
    return n.doubleValue();
  }

  private static List<String> accepted(EnvSpec spec) {
    var names = new java.util.ArrayList<>(spec.kwargs().keySet());
    names.add("max_episode_steps");
    return names;
  }
}
