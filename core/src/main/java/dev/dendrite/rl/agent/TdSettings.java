package dev.dendrite.rl.agent;

/**
 * The hyper-parameters of the tabular temporal-difference agents. The learning rate and the
 * exploration rate each decay linearly from their start to their end value over the first {@code
 * decayEpisodes} episodes, then stay (equal start and end values keep them constant, as in the
 * textbook's cliff-walking example).
 *
 * @param alpha learning rate at the start, in (0, 1]
 * @param alphaEnd learning rate after the decay, in (0, 1]
 * @param gamma discount, in [0, 1]
 * @param epsilon exploration rate of the ε-greedy policy at the start, in [0, 1]
 * @param epsilonEnd exploration rate after the decay, in [0, 1]
 * @param decayEpisodes episodes over which both rates decay (0: no decay)
 */
public record TdSettings(
    double alpha,
    double alphaEnd,
    double gamma,
    double epsilon,
    double epsilonEnd,
    int decayEpisodes) {
  public TdSettings {
    Checks.learningRate("TdSettings", alpha);
    Checks.learningRate("TdSettings", alphaEnd);
    Checks.gamma("TdSettings", gamma);
    Checks.probability("TdSettings", "epsilon", epsilon);
    Checks.probability("TdSettings", "epsilonEnd", epsilonEnd);
    if (decayEpisodes < 0)
      throw new IllegalArgumentException(
          "TdSettings: decayEpisodes must be >= 0, got " + decayEpisodes);
  }

  /** Constant rates. */
  public static TdSettings constant(double alpha, double gamma, double epsilon) {
    return new TdSettings(alpha, alpha, gamma, epsilon, epsilon, 0);
  }

  /** The learning rate in episode {@code episode} (from 0). */
  public double alphaAt(int episode) {
    return decay(alpha, alphaEnd, episode);
  }

  /** The exploration rate in episode {@code episode} (from 0). */
  public double epsilonAt(int episode) {
    return decay(epsilon, epsilonEnd, episode);
  }

  private double decay(double from, double to, int episode) {
    if (decayEpisodes == 0 || episode >= decayEpisodes) return decayEpisodes == 0 ? from : to;
    return from + (to - from) * episode / decayEpisodes;
  }
}
