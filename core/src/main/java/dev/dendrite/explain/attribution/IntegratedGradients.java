package dev.dendrite.explain.attribution;

/**
 * Integrated Gradients (Sundararajan, Taly and Yan, 2017): (x_i − x'_i)·∫₀¹ ∂f/∂x_i(x' + α(x − x'))
 * dα, the integral approximated with m steps. By completeness the attributions sum to f(x) − f(x');
 * {@link Result#delta()} reports how far the approximation is from that.
 */
public final class IntegratedGradients {
  /** How the path integral is approximated. */
  public enum Rule {
    /** The trapezoid rule on α = 0, 1/m, ..., 1 (m + 1 gradient evaluations). */
    TRAPEZOID,
    /** The right Riemann sum on α = 1/m, ..., 1 (the paper's formula). */
    RIEMANN_RIGHT
  }

  /**
   * The attribution and its completeness check.
   *
   * @param attribution the attributions
   * @param baselineScore f(x')
   * @param delta Σ attributions − (f(x) − f(x'))
   */
  public record Result(Attribution attribution, double baselineScore, double delta) {}

  private IntegratedGradients() {}

  /**
   * Integrated Gradients of {@code f} at {@code x} from {@code baseline} (null: all zeros) with
   * {@code steps} steps; the points on the path go through the model as batches.
   */
  public static Result of(ScoreFunction f, float[] x, float[] baseline, int steps, Rule rule) {
    if (steps < 1) throw new IllegalArgumentException("Integrated Gradients: steps must be >= 1");
    int d = x.length;
    float[] b = baseline == null ? new float[d] : baseline;
    if (b.length != d)
      throw new IllegalArgumentException(
          "Integrated Gradients: baseline has " + b.length + " features, the input " + d);
    int first = rule == Rule.TRAPEZOID ? 0 : 1, points = steps - first + 1;
    float[] rows = new float[points * d];
    double[] weight = new double[points];
    for (int k = 0; k < points; k++) {
      int step = k + first;
      double a = (double) step / steps;
      for (int i = 0; i < d; i++) rows[k * d + i] = (float) (b[i] + a * (x[i] - b[i]));
      weight[k] =
          rule == Rule.TRAPEZOID && (step == 0 || step == steps) ? 0.5 / steps : 1.0 / steps;
    }
    float[] g = f.gradients(rows, d);
    double[] avg = new double[d];
    for (int k = 0; k < points; k++) for (int i = 0; i < d; i++) avg[i] += weight[k] * g[k * d + i];
    float[] attr = new float[d];
    double sum = 0;
    for (int i = 0; i < d; i++) {
      attr[i] = (float) ((x[i] - b[i]) * avg[i]);
      sum += attr[i];
    }
    double fx = f.at(x), fb = f.at(b);
    return new Result(new Attribution("integrated gradients", attr, fx), fb, sum - (fx - fb));
  }
}
