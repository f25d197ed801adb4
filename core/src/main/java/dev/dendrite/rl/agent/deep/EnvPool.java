package dev.dendrite.rl.agent.deep;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Envs;
import dev.dendrite.rl.Step;

/**
 * {@code n} copies of one environment stepped together, each reset as soon as its episode ends, as
 * Stable-Baselines3's {@code DummyVecEnv}: copy {@code i} is seeded with {@code seed + i} at the
 * first reset. After a step, {@link #obs} holds each copy's next observation (the first of a new
 * episode for a copy that just finished) and {@link #finalObs} the last observation of a finished
 * episode, which a truncated episode bootstraps from.
 */
final class EnvPool {
  final int n;
  final Features features;
  final int obsSize;
  final int actions;
  private final Env<Object, Integer>[] envs;
  final float[] obs;
  final float[] finalObs;
  final double[] rewards;
  final boolean[] terminated;
  final boolean[] truncated;

  @SuppressWarnings("unchecked")
  EnvPool(String envId, int n, long seed) {
    this.n = n;
    this.envs = new Env[n];
    for (int i = 0; i < n; i++) envs[i] = Envs.make(envId);
    this.features = new Features(envs[0].observationSpace());
    this.obsSize = features.size();
    this.actions = Agents.actionCount(envs[0]);
    this.obs = new float[n * obsSize];
    this.finalObs = new float[n * obsSize];
    this.rewards = new double[n];
    this.terminated = new boolean[n];
    this.truncated = new boolean[n];
    for (int i = 0; i < n; i++)
      features.write(envs[i].reset(seed + i).observation(), obs, i * obsSize);
  }

  /** Steps every copy with its action, then resets the copies whose episode ended. */
  void step(int[] actionPerCopy) {
    for (int i = 0; i < n; i++) {
      Step<Object> s = envs[i].step(actionPerCopy[i]);
      rewards[i] = s.reward();
      terminated[i] = s.terminated();
      truncated[i] = s.truncated();
      features.write(s.observation(), finalObs, i * obsSize);
      if (s.done()) features.write(envs[i].reset().observation(), obs, i * obsSize);
      else System.arraycopy(finalObs, i * obsSize, obs, i * obsSize, obsSize);
    }
  }

  boolean done(int i) {
    return terminated[i] || truncated[i];
  }
}
