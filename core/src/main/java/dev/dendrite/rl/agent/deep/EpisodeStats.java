package dev.dendrite.rl.agent.deep;

/**
 * Returns and lengths of the episodes that parallel environment copies run, and the mean return of
 * the last 100 finished ones (Stable-Baselines3's {@code ep_rew_mean}).
 */
final class EpisodeStats {
  private final double[] running;
  private final int[] lengths;
  private final double[] last = new double[100];
  private int finished;
  private final LearnListener listener;

  EpisodeStats(int copies, LearnListener listener) {
    this.running = new double[copies];
    this.lengths = new int[copies];
    this.listener = listener;
  }

  /** Adds a reward to copy {@code i}; when the episode is done, records it. */
  void add(int i, double reward, boolean done, long envStep) {
    running[i] += reward;
    lengths[i]++;
    if (done) {
      last[finished % last.length] = running[i];
      finished++;
      listener.episode(envStep, running[i], lengths[i]);
      running[i] = 0;
      lengths[i] = 0;
    }
  }

  int episodes() {
    return finished;
  }

  double meanReturn() {
    int n = Math.min(finished, last.length);
    if (n == 0) return Double.NaN;
    double s = 0;
    for (int i = 0; i < n; i++) s += last[i];
    return s / n;
  }
}
