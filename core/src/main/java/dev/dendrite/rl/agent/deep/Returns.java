package dev.dendrite.rl.agent.deep;

/**
 * Return and advantage estimates over a rollout of {@code T} steps of {@code n} parallel copies,
 * stored step-major: element {@code t * n + i} is copy {@code i} at step {@code t}. {@code done[t *
 * n + i]} says the episode of copy {@code i} ended with step {@code t}, so nothing after it is
 * credited to step {@code t}; a rollout cut off mid-episode bootstraps from {@code lastValues}, the
 * value of each copy's observation after the last step.
 */
public final class Returns {
  private Returns() {}

  /**
   * Bootstrapped n-step returns, as A2C uses: {@code R_t = r_t + γ r_{t+1} + … + γ^{T−t} V(s_T)},
   * the sum stopping at an episode's end.
   */
  public static float[] nStep(
      float[] rewards, boolean[] done, float[] lastValues, double gamma, int n) {
    check(rewards.length, done.length, lastValues.length, n);
    float[] out = new float[rewards.length];
    int steps = rewards.length / n;
    for (int i = 0; i < n; i++) {
      double g = lastValues[i];
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        g = rewards[k] + (done[k] ? 0 : gamma * g);
        out[k] = (float) g;
      }
    }
    return out;
  }

  /**
   * Generalised advantage estimates (Schulman et al. 2016), as Stable-Baselines3's {@code
   * compute_returns_and_advantage}: {@code δ_t = r_t + γ V(s_{t+1}) − V(s_t)} and {@code A_t = δ_t
   * + γλ A_{t+1}}, both cut at an episode's end. The value targets are {@code A_t + V(s_t)}; with λ
   * = 1 those are the n-step returns.
   */
  public static float[] gae(
      float[] rewards,
      float[] values,
      boolean[] done,
      float[] lastValues,
      double gamma,
      double lambda,
      int n) {
    check(rewards.length, done.length, lastValues.length, n);
    if (values.length != rewards.length)
      throw new IllegalArgumentException(
          "gae: " + values.length + " values for " + rewards.length + " rewards");
    float[] adv = new float[rewards.length];
    int steps = rewards.length / n;
    for (int i = 0; i < n; i++) {
      double last = 0;
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        double nextValue = t == steps - 1 ? lastValues[i] : values[k + n];
        double notDone = done[k] ? 0 : 1;
        double delta = rewards[k] + gamma * nextValue * notDone - values[k];
        last = delta + gamma * lambda * notDone * last;
        adv[k] = (float) last;
      }
    }
    return adv;
  }

  /** The discounted return from every step of one finished episode, {@code G_t = Σ γ^k r_{t+k}}. */
  public static float[] discounted(float[] rewards, double gamma) {
    float[] out = new float[rewards.length];
    double g = 0;
    for (int t = rewards.length - 1; t >= 0; t--) {
      g = rewards[t] + gamma * g;
      out[t] = (float) g;
    }
    return out;
  }

  private static void check(int rewards, int done, int last, int n) {
    if (n < 1 || last != n || rewards % n != 0 || done != rewards)
      throw new IllegalArgumentException(
          "returns: "
              + rewards
              + " rewards and "
              + done
              + " done flags do not make whole steps of "
              + n
              + " copies with "
              + last
              + " last values");
  }
}
