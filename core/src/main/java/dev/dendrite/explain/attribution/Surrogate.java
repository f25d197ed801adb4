package dev.dendrite.explain.attribution;

/**
 * LIME's last step, shared by the tabular and the image explainer: pick K features, fit a weighted
 * ridge (alpha 1, lime's default regressor) on them, and report its R² and local prediction.
 */
final class Surrogate {
  /** lime's default {@code Ridge(alpha=1)}. */
  static final double ALPHA = 1;

  private Surrogate() {}

  static LimeExplanation fit(double[][] x, double[] y, double[] w, int k, double modelScore) {
    int[] used = FeatureSelection.auto(x, y, w, k);
    WeightedRidge r = WeightedRidge.fit(x, used, y, w, ALPHA);
    int[] order = LimeTabular.byMagnitude(r.coef());
    int[] features = new int[used.length];
    double[] weights = new double[used.length];
    for (int i = 0; i < used.length; i++) {
      features[i] = used[order[i]];
      weights[i] = r.coef()[order[i]];
    }
    return new LimeExplanation(
        features,
        weights,
        r.intercept(),
        r.score(x, used, y, w),
        r.predict(x[0], used),
        modelScore,
        null);
  }
}
