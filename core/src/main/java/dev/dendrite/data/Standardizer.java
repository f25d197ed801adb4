package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;

/**
 * Per-feature standardisation, {@code (x − mean) / std}, fitted on the training split only and then
 * applied unchanged to validation and test data, so no statistic leaks from them into training.
 * Features with zero spread are left centred but unscaled.
 */
public record Standardizer(Tensor mean, Tensor std) {
  /** Fits mean and (biased) standard deviation per column of {@code train}'s features (N, F). */
  public static Standardizer fit(Labeled train) {
    Tensor x = train.features();
    Tensor mean = x.mean(0, false), std = x.var(new int[] {0}, 0, false).sqrt();
    float[] s = std.toArray();
    for (int i = 0; i < s.length; i++) if (s[i] == 0) s[i] = 1;
    return new Standardizer(mean, Tensor.of(s));
  }

  public Tensor apply(Tensor features) {
    return features.sub(mean).div(std);
  }

  public Labeled apply(Labeled d) {
    return new Labeled(apply(d.features()), d.labels(), d.classes());
  }
}
