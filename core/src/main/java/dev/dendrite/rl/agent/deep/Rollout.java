package dev.dendrite.rl.agent.deep;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * On-policy experience: {@code steps} steps of {@code n} environment copies under the current
 * policy, stored step-major, as Stable-Baselines3's {@code RolloutBuffer}. When a time limit cuts
 * an episode, the reward of its last step gets {@code γ V(s_last)} added, so the cut is not taken
 * for a terminal state.
 */
final class Rollout {
  final int steps, n, obsSize, actions;
  final float[] obs, rewards, values, logProbs, lastValues;
  final int[] chosen;
  final boolean[] done;
  private final float[] stepObs;
  private final Tensor stepIn;
  private final float[] one;
  private final Tensor oneIn;
  private final int[] act;

  Rollout(int steps, int n, int obsSize, int actions) {
    this.steps = steps;
    this.n = n;
    this.obsSize = obsSize;
    this.actions = actions;
    int size = steps * n;
    obs = new float[size * obsSize];
    rewards = new float[size];
    values = new float[size];
    logProbs = new float[size];
    chosen = new int[size];
    done = new boolean[size];
    lastValues = new float[n];
    stepObs = new float[n * obsSize];
    stepIn = Tensor.wrap(stepObs, n, obsSize);
    one = new float[obsSize];
    oneIn = Tensor.wrap(one, 1, obsSize);
    act = new int[n];
  }

  /** Runs the policy for {@code steps} steps of every copy, starting at env step {@code t0}. */
  void collect(ActorCritic net, EnvPool env, Rng rng, double gamma, EpisodeStats stats, long t0) {
    try (var off = Grad.disabled()) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(env.obs, 0, stepObs, 0, stepObs.length);
        System.arraycopy(env.obs, 0, obs, t * n * obsSize, stepObs.length);
        float[] logits = net.forward(stepIn).toArray();
        float[] v = net.value(stepIn).toArray();
        Categorical.sample(logits, n, actions, rng, act);
        env.step(act);
        for (int i = 0; i < n; i++) {
          int k = t * n + i;
          chosen[k] = act[i];
          values[k] = v[i];
          logProbs[k] = Categorical.logProb(logits, i, actions, act[i]);
          double r = env.rewards[i];
          if (env.truncated[i] && !env.terminated[i]) {
            System.arraycopy(env.finalObs, i * obsSize, one, 0, obsSize);
            r += gamma * net.value(oneIn).item();
          }
          rewards[k] = (float) r;
          done[k] = env.done(i);
          stats.add(i, env.rewards[i], env.done(i), t0 + (long) (t + 1) * n);
        }
      }
      System.arraycopy(env.obs, 0, stepObs, 0, stepObs.length);
      System.arraycopy(net.value(stepIn).toArray(), 0, lastValues, 0, n);
    }
  }

  /** The observations of the given rollout rows, as a (rows.length, obsSize) tensor. */
  Tensor observations(int[] rows, int from, int count) {
    float[] x = new float[count * obsSize];
    for (int j = 0; j < count; j++)
      System.arraycopy(obs, rows[from + j] * obsSize, x, j * obsSize, obsSize);
    return Tensor.wrap(x, count, obsSize);
  }

  /** {@code values[rows[from .. from + count)]} as a tensor. */
  static Tensor pick(float[] values, int[] rows, int from, int count) {
    float[] x = new float[count];
    for (int j = 0; j < count; j++) x[j] = values[rows[from + j]];
    return Tensor.wrap(x, count);
  }

  /** The chosen actions of the given rows, as float indices. */
  Tensor actions(int[] rows, int from, int count) {
    float[] x = new float[count];
    for (int j = 0; j < count; j++) x[j] = chosen[rows[from + j]];
    return Tensor.wrap(x, count);
  }
}
