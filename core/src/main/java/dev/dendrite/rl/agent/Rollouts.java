package dev.dendrite.rl.agent;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Step;

/** Measures a fixed tabular policy by running it. */
public final class Rollouts {
  private Rollouts() {}

  /**
   * The mean undiscounted return of {@code policy} over {@code episodes} episodes of {@code env},
   * the first reset with {@code seed} (for FrozenLake, the success rate).
   */
  public static double meanReturn(
      Env<Integer, Integer> env, int[] policy, int episodes, long seed) {
    if (episodes < 1)
      throw new IllegalArgumentException("Rollouts: episodes must be >= 1, got " + episodes);
    double total = 0;
    for (int e = 0; e < episodes; e++) {
      int s = e == 0 ? env.reset(seed).observation() : env.reset().observation();
      Step<Integer> st;
      do {
        st = env.step(policy[s]);
        s = st.observation();
        total += st.reward();
      } while (!st.done());
    }
    return total / episodes;
  }

  /**
   * The states a deterministic policy visits from the start of a deterministic environment, the
   * start included, until the episode ends, a state repeats (the policy loops: the repeated state
   * is the last one listed) or {@code maxSteps} steps pass.
   */
  public static int[] path(Env<Integer, Integer> env, int[] policy, int maxSteps) {
    int s = env.reset(0).observation();
    var out = new java.util.ArrayList<Integer>();
    out.add(s);
    var seen = new java.util.HashSet<Integer>(out);
    for (int t = 0; t < maxSteps; t++) {
      Step<Integer> st = env.step(policy[s]);
      s = st.observation();
      out.add(s);
      if (st.done() || !seen.add(s)) break;
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
