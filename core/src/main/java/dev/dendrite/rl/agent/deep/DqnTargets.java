package dev.dendrite.rl.agent.deep;

/**
 * The regression targets of DQN for a batch of transitions {@code (s, a, r, s', terminated)}: plain
 * DQN (Mnih et al. 2015) takes {@code y = r + γ max_a' Q_target(s', a')}; Double DQN (van Hasselt
 * et al. 2016) lets the online network choose and the target network evaluate, {@code y = r + γ
 * Q_target(s', argmax_a' Q_online(s', a'))}. A terminal {@code s'} has no future: {@code y = r}. A
 * truncated one is not terminal and is bootstrapped.
 */
public final class DqnTargets {
  private DqnTargets() {}

  /**
   * @param nextTarget the target network's Q values of {@code s'}, (batch, actions) row-major
   * @param nextOnline the online network's Q values of {@code s'} for Double DQN, or null for plain
   *     DQN
   */
  public static float[] compute(
      float[] rewards,
      boolean[] terminated,
      float[] nextTarget,
      float[] nextOnline,
      int actions,
      double gamma) {
    int batch = rewards.length;
    if (terminated.length != batch
        || nextTarget.length != batch * actions
        || (nextOnline != null && nextOnline.length != batch * actions))
      throw new IllegalArgumentException(
          "DQN targets: "
              + batch
              + " rewards need "
              + batch
              + " flags and "
              + batch
              + "x"
              + actions
              + " Q values");
    float[] y = new float[batch];
    for (int b = 0; b < batch; b++) {
      int row = b * actions;
      double next;
      if (nextOnline == null) {
        next = nextTarget[row];
        for (int a = 1; a < actions; a++) next = Math.max(next, nextTarget[row + a]);
      } else {
        int best = 0;
        for (int a = 1; a < actions; a++)
          if (nextOnline[row + a] > nextOnline[row + best]) best = a;
        next = nextTarget[row + best];
      }
      y[b] = (float) (rewards[b] + (terminated[b] ? 0 : gamma * next));
    }
    return y;
  }
}
