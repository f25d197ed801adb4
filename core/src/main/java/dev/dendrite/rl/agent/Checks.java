package dev.dendrite.rl.agent;

/** The range checks the agents share, worded alike. */
final class Checks {
  private Checks() {}

  static double gamma(String who, double gamma) {
    if (!(gamma >= 0 && gamma <= 1))
      throw new IllegalArgumentException(who + ": discount gamma must be in [0, 1], got " + gamma);
    return gamma;
  }

  static double learningRate(String who, double alpha) {
    if (!(alpha > 0 && alpha <= 1))
      throw new IllegalArgumentException(
          who + ": learning rate alpha must be in (0, 1], got " + alpha);
    return alpha;
  }

  static double probability(String who, String name, double p) {
    if (!(p >= 0 && p <= 1))
      throw new IllegalArgumentException(who + ": " + name + " must be in [0, 1], got " + p);
    return p;
  }

  static double tolerance(String who, double theta) {
    if (!(theta > 0))
      throw new IllegalArgumentException(who + ": tolerance theta must be > 0, got " + theta);
    return theta;
  }
}
