package dev.dendrite.cli;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;

/** The data sets the command line knows by name, split into training and test parts. */
final class DataSets {
  enum Name { iris, fashion_mnist }

  /**
   * Training and test parts, and the standardisation (mean, std per feature; null when none)
   * fitted on the training part only and applied to both.
   */
  record Split(Labeled train, Labeled test, float[] mean, float[] std) {}

  private DataSets() {}

  static Split load(Name name, long seed) throws IOException {
    return switch (name) {
      case iris -> {
        Labeled all = Iris.load();
        Labeled[] p = all.split(0.8, seed);
        Tensor mean = p[0].features().mean(0, true), std = p[0].features().var(new int[] {0}, 0, true).sqrt();
        yield new Split(standardize(p[0], mean, std), standardize(p[1], mean, std), mean.toArray(), std.toArray());
      }
      case fashion_mnist -> new Split(FashionMnist.load(true), FashionMnist.load(false), null, null);
    };
  }

  static Labeled standardize(Labeled d, Tensor mean, Tensor std) {
    return new Labeled(d.features().sub(mean).div(std), d.labels(), d.classes());
  }
}
