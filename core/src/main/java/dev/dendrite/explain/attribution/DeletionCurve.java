package dev.dendrite.explain.attribution;

import dev.dendrite.tensor.Rng;

/**
 * The deletion metric (Petsiuk, Das and Saenko, 2018): remove pixels (all their channels, set to a
 * fill value) in order of decreasing attribution and watch the score fall. The area under the curve
 * of score against the fraction removed is small when the attribution found the pixels the score
 * depends on; a random order is the yardstick. The curve's points go through the model as one
 * batch.
 *
 * @param fractions the fraction of pixels removed at each point, 0 .. 1
 * @param scores the score at each point
 * @param auc the trapezoid area under scores over fractions
 */
public record DeletionCurve(double[] fractions, double[] scores, double auc) {
  /**
   * @param order pixel indices (0 .. H·W − 1), most important first
   * @param shape the image shape (C, H, W), or null for a flat vector (one channel)
   * @param steps points after the start; the pixels are removed in steps of about H·W / steps
   */
  public static DeletionCurve of(
      ScoreFunction f, float[] x, int[] shape, int[] order, int steps, float fill) {
    int c = shape == null ? 1 : shape[0], hw = x.length / c, d = x.length;
    if (order.length != hw)
      throw new IllegalArgumentException(
          "deletion curve: an order of " + order.length + " pixels for " + hw);
    steps = Math.min(steps, hw);
    float[] rows = new float[(steps + 1) * d];
    float[] cur = x.clone();
    double[] fr = new double[steps + 1];
    System.arraycopy(cur, 0, rows, 0, d);
    int removed = 0;
    for (int t = 1; t <= steps; t++) {
      int upto = (int) Math.round((double) t * hw / steps);
      for (; removed < upto; removed++)
        for (int ch = 0; ch < c; ch++) cur[ch * hw + order[removed]] = fill;
      System.arraycopy(cur, 0, rows, t * d, d);
      fr[t] = (double) upto / hw;
    }
    float[] sc = f.evaluate(rows, d);
    double[] s = new double[steps + 1];
    double auc = 0;
    for (int t = 0; t <= steps; t++) {
      s[t] = sc[t];
      if (t > 0) auc += (fr[t] - fr[t - 1]) * (s[t] + s[t - 1]) / 2;
    }
    return new DeletionCurve(fr, s, auc);
  }

  /** The order of an attribution: pixels by their channel-summed value, largest first. */
  public static int[] order(Attribution a, int channels) {
    return new Attribution(a.method(), a.perPixel(channels), a.score()).ranking();
  }

  /** The mean curve over {@code repeats} random orders. */
  public static DeletionCurve random(
      ScoreFunction f, float[] x, int[] shape, int steps, float fill, int repeats, long seed) {
    int hw = x.length / (shape == null ? 1 : shape[0]);
    Rng rng = new Rng(seed);
    double[] fr = null, s = null;
    double auc = 0;
    for (int r = 0; r < repeats; r++) {
      int[] order = new int[hw];
      for (int i = 0; i < hw; i++) order[i] = i;
      rng.shuffle(order);
      DeletionCurve c = of(f, x, shape, order, steps, fill);
      if (s == null) {
        fr = c.fractions();
        s = new double[fr.length];
      }
      for (int t = 0; t < s.length; t++) s[t] += c.scores()[t] / repeats;
      auc += c.auc() / repeats;
    }
    return new DeletionCurve(fr, s, auc);
  }
}
