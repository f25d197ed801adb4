package dev.dendrite.rl.agent;

import dev.dendrite.rl.Env;
import dev.dendrite.rl.Step;
import dev.dendrite.rl.space.Discrete;
import dev.dendrite.tensor.Rng;

/**
 * The episode loop the tabular TD control agents share (Sutton and Barto, chapter 6): act
 * ε-greedily on the action-value table, then move {@code Q(s, a)} a step {@code alpha} toward
 * {@code r + gamma * bootstrap(s')}, where only the bootstrap differs between {@link QLearning},
 * {@link Sarsa} and {@link ExpectedSarsa}. A terminal next state bootstraps 0; a truncated episode
 * (a time limit) still bootstraps, since its next state is not terminal. Ties between greedy
 * actions are broken at random while acting.
 */
public abstract sealed class TemporalDifference permits QLearning, Sarsa, ExpectedSarsa {
  protected final double[][] q;
  protected final TdSettings settings;
  protected final Rng rng;
  private int episodes;

  protected TemporalDifference(int numStates, int numActions, TdSettings settings, long seed) {
    if (numStates < 1 || numActions < 1)
      throw new IllegalArgumentException(
          name() + ": needs >= 1 state and action, got " + numStates + " and " + numActions);
    this.q = new double[numStates][numActions];
    this.settings = settings;
    this.rng = new Rng(seed);
  }

  /** The agent's name in messages. */
  protected abstract String name();

  /**
   * The value of the next state that the target uses, given the action the policy chose there
   * ({@code next} is chosen before the update only by SARSA; the others receive -1).
   */
  protected abstract double bootstrap(int state, int next, double epsilon);

  /** Whether the next action is chosen before the update (SARSA) or after it. */
  protected boolean choosesNextFirst() {
    return false;
  }

  /**
   * Runs {@code n} more episodes on {@code env}, seeding it from the agent's generator on the first
   * one. Returns each episode's undiscounted return (the online performance, exploration included).
   */
  public double[] train(Env<Integer, Integer> env, int n) {
    if (!(env.actionSpace() instanceof Discrete d) || d.n() != q[0].length)
      throw new IllegalArgumentException(
          name()
              + ": the table has "
              + q[0].length
              + " actions but "
              + env.id()
              + " has "
              + env.actionSpace());
    double[] returns = new double[n];
    for (int e = 0; e < n; e++, episodes++) {
      double alpha = settings.alphaAt(episodes);
      double eps = settings.epsilonAt(episodes);
      int s = episodes == 0 ? env.reset(rng.nextLong()).observation() : env.reset().observation();
      int a = act(s, eps);
      double ret = 0;
      while (true) {
        Step<Integer> st = env.step(a);
        int s2 = st.observation();
        ret += st.reward();
        int a2 = choosesNextFirst() ? act(s2, eps) : -1;
        double target =
            st.reward() + (st.terminated() ? 0 : settings.gamma() * bootstrap(s2, a2, eps));
        q[s][a] += alpha * (target - q[s][a]);
        if (st.done()) break;
        if (a2 < 0) a2 = act(s2, eps);
        s = s2;
        a = a2;
      }
      returns[e] = ret;
    }
    return returns;
  }

  /** An ε-greedy action: uniform with probability ε, else greedy with ties broken at random. */
  public int act(int state, double epsilon) {
    int n = q[state].length;
    if (rng.nextDouble() < epsilon) return rng.nextInt(n);
    double best = Double.NEGATIVE_INFINITY;
    int ties = 0, pick = 0;
    for (int a = 0; a < n; a++) {
      double v = q[state][a];
      if (v > best) {
        best = v;
        ties = 1;
        pick = a;
      } else if (v == best && rng.nextInt(++ties) == 0) pick = a;
    }
    return pick;
  }

  /** The greedy action of every state (the first of tied ones, as numpy's argmax). */
  public int[] greedyPolicy() {
    int[] p = new int[q.length];
    for (int s = 0; s < q.length; s++) p[s] = argmax(q[s]);
    return p;
  }

  /** The action-value table (a copy). */
  public double[][] q() {
    double[][] c = new double[q.length][];
    for (int s = 0; s < q.length; s++) c[s] = q[s].clone();
    return c;
  }

  /** Episodes trained so far. */
  public int episodes() {
    return episodes;
  }

  /** The hyper-parameters. */
  public TdSettings settings() {
    return settings;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  static double max(double[] v) {
    double m = v[0];
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
