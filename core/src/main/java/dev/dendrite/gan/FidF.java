package dev.dendrite.gan;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;

/**
 * FID-F: the {@link FrechetDistance} between the {@link ReferenceClassifier}'s penultimate features
 * of generated samples and of Fashion-MNIST's test images (FID with a Fashion-MNIST CNN in place of
 * Inception, so the numbers are comparable only with other FID-F numbers). {@code trainVsTest}, the
 * distance of real training images to the same test images, is the floor a perfect generator would
 * reach with as many samples.
 */
public final class FidF {
  private FidF() {}

  /** A score: the distance, the real-data floor beside it, and the samples it used. */
  public record Score(double fid, double trainVsTest, int samples) {}

  /**
   * {@code n} samples of {@code gan} in [−1, 1] from noise of {@code seed}, in eval mode (batch
   * norm's running statistics); a conditional GAN's classes cycle 0, 1, …, classes − 1.
   */
  public static Tensor sample(Gan gan, int n, long seed) {
    Rng rng = new Rng(seed);
    boolean was = gan.isTraining();
    gan.eval();
    Tensor[] parts = new Tensor[(n + 499) / 500];
    try (var off = Grad.disabled()) {
      for (int from = 0, k = 0; from < n; from += 500, k++) {
        int m = Math.min(500, n - from);
        Tensor labels = null;
        if (gan.classes() > 0) {
          float[] c = new float[m];
          for (int i = 0; i < m; i++) c[i] = (from + i) % gan.classes();
          labels = Tensor.of(c);
        }
        parts[k] = gan.generate(gan.noise(rng, m), labels);
      }
    } finally {
      if (was) gan.train();
    }
    return Tensor.cat(0, parts);
  }

  /** The moments of the reference features of images (N, 784) in [0, 1]. */
  public static FrechetDistance.Moments moments(ReferenceClassifier c, Tensor images) {
    return FrechetDistance.Moments.of(c.features(images), images.size(0), c.featureSize());
  }

  /**
   * The score of generator samples in [−1, 1] against {@code test}; {@code train} gives the floor
   * with as many training images as there are samples (the first ones), or null to skip it.
   */
  public static Score score(ReferenceClassifier c, Tensor samples, Labeled train, Labeled test) {
    int n = samples.size(0);
    FrechetDistance.Moments t = moments(c, test.features());
    double fid = FrechetDistance.between(moments(c, ReferenceClassifier.fromGenerator(samples)), t);
    double floor = Double.NaN;
    if (train != null) {
      int m = Math.min(n, train.size());
      floor = FrechetDistance.between(moments(c, train.features().slice(0, 0, m)), t);
    }
    return new Score(fid, floor, n);
  }
}
