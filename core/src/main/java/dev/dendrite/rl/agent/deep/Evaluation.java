package dev.dendrite.rl.agent.deep;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;

/**
 * Runs an agent's deterministic policy for whole episodes, as Stable-Baselines3's {@code
 * evaluate_policy}: episode {@code k} starts from {@code reset(seed + k)}.
 *
 * @param returns the return of every episode
 * @param lengths the length of every episode
 */
public record Evaluation(double[] returns, int[] lengths) {
  /** Evaluates {@code agent} over {@code episodes} episodes of its environment. */
  public static Evaluation run(Agent agent, int episodes, long seed) {
    if (episodes < 1) throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
    Env<Object, Integer> env = Envs.make(agent.envId());
    double[] returns = new double[episodes];
    int[] lengths = new int[episodes];
    for (int k = 0; k < episodes; k++) {
      Object obs = env.reset(seed + k).observation();
      while (true) {
        Step<Object> s = env.step(agent.act(obs));
        returns[k] += s.reward();
        lengths[k]++;
        if (s.done()) break;
        obs = s.observation();
      }
    }
    return new Evaluation(returns, lengths);
  }

  public double mean() {
    double s = 0;
    for (double r : returns) s += r;
    return s / returns.length;
  }

  /** The population standard deviation, as NumPy's {@code std} that SB3 reports. */
  public double std() {
    double m = mean(), s = 0;
    for (double r : returns) s += (r - m) * (r - m);
    return Math.sqrt(s / returns.length);
  }
}
