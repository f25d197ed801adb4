package dev.dendrite.cli;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.Standardizer;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** The data sets the command line knows by name, split into training and test parts. */
final class DataSets {
  enum Name {
    iris,
    fashion_mnist
  }

  /**
   * Training and test parts, and the standardisation (mean, std per feature; null when none) fitted
   * on the training part only and applied to both; for images, their shape (C, H, W), else null.
   */
  record Split(Labeled train, Labeled test, float[] mean, float[] std, int[] image) {
    Split(Labeled train, Labeled test, float[] mean, float[] std) {
      this(train, test, mean, std, null);
    }
  }

  private DataSets() {}

  /**
   * A labelled CSV file: 80 % for training, 20 % for testing (seeded), standardised with the
   * training part's statistics.
   */
  static Split csv(java.nio.file.Path file, String label, long seed) throws IOException {
    Labeled[] p = dev.dendrite.data.Csv.read(file, label).split(0.8, seed);
    Standardizer s = Standardizer.fit(p[0]);
    return new Split(s.apply(p[0]), s.apply(p[1]), s.mean().toArray(), s.std().toArray());
  }

  /**
   * A folder of images, one sub-folder per class: DIR/train and DIR/test when both exist, otherwise
   * 80 % of DIR for training and 20 % for testing (seeded). Normalised per channel with the
   * training part's statistics, flattened to (N, C·H·W) like the other data sets.
   */
  static Split images(java.nio.file.Path dir, boolean rgb, int height, int width, long seed)
      throws IOException {
    java.nio.file.Path tr = dir.resolve("train"), te = dir.resolve("test");
    Labeled train, test;
    if (java.nio.file.Files.isDirectory(tr) && java.nio.file.Files.isDirectory(te)) {
      train = dev.dendrite.data.ImageFolder.read(tr, rgb, height, width);
      int[] s = train.features().shape();
      test = dev.dendrite.data.ImageFolder.read(te, rgb, s[2], s[3]);
      if (!test.classes().equals(train.classes())) {
        throw new IOException(
            te
                + ": classes "
                + test.classes()
                + " differ from the training classes "
                + train.classes());
      }
    } else {
      Labeled[] p = dev.dendrite.data.ImageFolder.read(dir, rgb, height, width).split(0.8, seed);
      train = p[0];
      test = p[1];
    }
    int[] s = train.features().shape();
    dev.dendrite.data.ChannelNormalizer norm = dev.dendrite.data.ChannelNormalizer.fit(train);
    Standardizer flat = norm.perFeature(s[2], s[3]);
    return new Split(
        flatten(norm.apply(train)),
        flatten(norm.apply(test)),
        flat.mean().toArray(),
        flat.std().toArray(),
        new int[] {s[1], s[2], s[3]});
  }

  /**
   * The same split with each image channel normalised to mean 0 and std 1 by the training part's
   * statistics (torchvision's {@code Normalize}); the statistics are kept per feature so that a
   * saved model prepares its input the same way. Image folders are normalised already.
   */
  static Split normalized(Split s) {
    if (s.image() == null)
      throw new IllegalArgumentException("--normalize needs image data (--data fashion_mnist)");
    if (s.mean() != null) return s;
    int[] im = s.image();
    dev.dendrite.data.ChannelNormalizer norm =
        dev.dendrite.data.ChannelNormalizer.fit(asImages(s.train(), im));
    Standardizer flat = norm.perFeature(im[1], im[2]);
    return new Split(
        flatten(norm.apply(asImages(s.train(), im))),
        flatten(norm.apply(asImages(s.test(), im))),
        flat.mean().toArray(),
        flat.std().toArray(),
        im);
  }

  private static Labeled asImages(Labeled d, int[] image) {
    return new Labeled(
        d.features().reshape(d.size(), image[0], image[1], image[2]), d.labels(), d.classes());
  }

  private static Labeled flatten(Labeled d) {
    return new Labeled(d.features().reshape(d.size(), -1), d.labels(), d.classes());
  }

  /**
   * The data set named on the command line, else the one the archive was trained on, else (an
   * archive without class names) iris.
   */
  static Name of(ModelArchive.Info info, Name data) {
    if (data != null) return data;
    // Class names without a data set: trained on a CSV file or an image folder, which the archive
    // does not
    // record; guessing iris would evaluate it on the wrong data, or fail on a shape mismatch.
    if (info.dataSet() == null && info.classes() != null) {
      throw new IllegalArgumentException(
          "the model was not trained on a named data set; give the CSV file (--csv FILE) "
              + "or image folder (--images DIR) it was trained on, or --data");
    }
    if (info.dataSet() == null) return Name.iris;
    try {
      return Name.valueOf(info.dataSet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the model was trained on "
              + info.dataSet()
              + ", which this command does not know (known: "
              + java.util.Arrays.stream(Name.values())
                  .map(Name::name)
                  .collect(java.util.stream.Collectors.joining(", "))
              + "); give --data, --csv or --images");
    }
  }

  /**
   * The test split of {@code name}, prepared as the archive's model expects it (its saved
   * standardisation applied).
   */
  static Labeled test(ModelArchive.Info info, Name name, long seed, PrintWriter out)
      throws IOException {
    // Fashion-MNIST's test file alone: reading the 60,000 training images as well took most of the
    // time.
    Labeled raw =
        name == Name.fashion_mnist ? fashionMnist(false, out) : rawTest(load(name, seed, out));
    checkWidth(info, raw);
    return new Labeled(info.prepare(raw.features()), raw.labels(), raw.classes());
  }

  /** The test part of a file's or folder's split, prepared as the archive's model expects it. */
  static Labeled test(ModelArchive.Info info, Split s) {
    Labeled raw = rawTest(s);
    checkWidth(info, raw);
    return new Labeled(info.prepare(raw.features()), raw.labels(), raw.classes());
  }

  /**
   * The training part before standardisation: pixels in [0, 1] for images, a CSV file's own values.
   */
  static Labeled raw(Split s) {
    if (s.mean() == null) return s.train();
    return new Labeled(
        s.train().features().mul(Tensor.of(s.std())).add(Tensor.of(s.mean())),
        s.train().labels(),
        s.train().classes());
  }

  /**
   * Refuses data whose examples are not as wide as the archive's standardisation, which would
   * otherwise fail as a broadcasting error deep inside.
   */
  static void checkWidth(ModelArchive.Info info, Labeled raw) {
    if (info.standardization() == null) return;
    int width = raw.size() == 0 ? 0 : (int) (raw.features().numel() / raw.size());
    if (width != info.standardization().features())
      throw new IllegalArgumentException(
          "the model takes "
              + Shared.plural(info.standardization().features(), "feature")
              + ", the data has "
              + width);
  }

  /** The test split before standardisation (the archive carries its own). */
  private static Labeled rawTest(Split s) {
    if (s.mean() == null) return s.test();
    return new Labeled(
        s.test().features().mul(Tensor.of(s.std())).add(Tensor.of(s.mean())),
        s.test().labels(),
        s.test().classes());
  }

  /**
   * Fashion-MNIST's training or test part. The core downloads it (about 30 MB) when no folder holds
   * it, without a word; this says so before the wait and after it.
   */
  static Labeled fashionMnist(boolean train, PrintWriter out) throws IOException {
    if (FashionMnist.find() != null) return FashionMnist.load(train);
    out.printf(
        Locale.ROOT,
        "Fashion-MNIST is in none of %s; downloading it from %s (about 30 MB; or apt-get install"
            + " dataset-fashion-mnist)...%n",
        FashionMnist.searchPath(),
        FashionMnist.SOURCE);
    out.flush();
    long t0 = System.nanoTime();
    Labeled d = FashionMnist.load(train);
    out.printf(
        Locale.ROOT,
        "downloaded and verified into %s in %.1f s%n",
        FashionMnist.find(),
        (System.nanoTime() - t0) / 1e9);
    return d;
  }

  static Split load(Name name, long seed, PrintWriter out) throws IOException {
    return switch (name) {
      case iris -> {
        Labeled[] p = Iris.load().split(0.8, seed);
        Standardizer s = Standardizer.fit(p[0]); // fitted on the training part only
        yield new Split(s.apply(p[0]), s.apply(p[1]), s.mean().toArray(), s.std().toArray());
      }
      case fashion_mnist ->
          new Split(
              fashionMnist(true, out), fashionMnist(false, out), null, null, new int[] {1, 28, 28});
    };
  }
}
