package dev.dendrite.rl.agent;

import dev.dendrite.rl.TabularModel;
import dev.dendrite.rl.Transition;

/** The one-step look-ahead the planners share. */
final class Bellman {
  private Bellman() {}

  /**
   * {@code sum_{s'} p(s' | s, a) (r + gamma V(s'))}, with {@code V = 0} after a terminating
   * transition.
   */
  static double actionValue(TabularModel m, double[] v, int s, int a, double gamma) {
    double q = 0;
    for (Transition t : m.transitions(s, a))
      q += t.prob() * (t.reward() + (t.terminated() ? 0 : gamma * v[t.next()]));
    return q;
  }

  /** The greedy policy of {@code v}: the first best action of each state. */
  static int[] greedy(TabularModel m, double[] v, double gamma) {
    int[] p = new int[m.numStates()];
    for (int s = 0; s < p.length; s++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < m.numActions(); a++) {
        double q = actionValue(m, v, s, a, gamma);
        // A margin keeps round-off from flipping between equally good actions.
        if (q > best + 1e-12) {
          best = q;
          p[s] = a;
        }
      }
    }
    return p;
  }
}
