package dev.dendrite.cli;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.Standardizer;
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

  /** A labelled CSV file: 80 % for training, 20 % for testing (seeded), standardised with the training part's statistics. */
  static Split csv(java.nio.file.Path file, String label, long seed) throws IOException {
    Labeled[] p = dev.dendrite.data.Csv.read(file, label).split(0.8, seed);
    Standardizer s = Standardizer.fit(p[0]);
    return new Split(s.apply(p[0]), s.apply(p[1]), s.mean().toArray(), s.std().toArray());
  }

  static Split load(Name name, long seed) throws IOException {
    return switch (name) {
      case iris -> {
        Labeled[] p = Iris.load().split(0.8, seed);
        Standardizer s = Standardizer.fit(p[0]); // fitted on the training part only
        yield new Split(s.apply(p[0]), s.apply(p[1]), s.mean().toArray(), s.std().toArray());
      }
      case fashion_mnist -> new Split(FashionMnist.load(true), FashionMnist.load(false), null, null);
    };
  }
}
