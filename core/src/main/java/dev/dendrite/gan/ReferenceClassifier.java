package dev.dendrite.gan;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The yardstick of generated Fashion-MNIST: the reference CNN ({@code
 * examples/specs/cnn-fashion.json}: conv3×3 1→32, ReLU, maxpool 2, conv3×3 32→64, ReLU, maxpool 2,
 * fc 3136→128, ReLU, fc 128→10), which labels samples (the mode-collapse watch, the cGAN's class
 * accuracy) and whose 128 penultimate activations are the features of FID-F.
 *
 * <p>It is trained once, on first use ({@link #loadOrTrain}: 2 epochs of Adam lr 1e-3, batch 64,
 * seed 1, on the 60,000 training images), and cached as an ordinary model archive in {@link
 * #defaultFile()}; every later score reads that file, so scores of one machine are comparable.
 * Images are (N, 784) in [0, 1], as {@link FashionMnist#load} gives them.
 */
public final class ReferenceClassifier {
  /** The number of leading layers whose output is the feature vector (through the fc-128 ReLU). */
  public static final int FEATURE_LAYERS = 10;

  private static final int BATCH = 500;
  private final Sequential model;
  private final Sequential features;

  public ReferenceClassifier(Sequential model) {
    if (model.layers().size() <= FEATURE_LAYERS)
      throw new IllegalArgumentException(
          "reference classifier: needs more than " + FEATURE_LAYERS + " layers, got " + model);
    this.model = model;
    this.features = new Sequential(model.layers().subList(0, FEATURE_LAYERS));
    model.eval();
  }

  /** ~/.dendrite/models/fashion-cnn-reference.dnd. */
  public static Path defaultFile() {
    return Path.of(
        System.getProperty("user.home"), ".dendrite", "models", "fashion-cnn-reference.dnd");
  }

  /** The reference CNN with fresh weights. */
  public static Sequential architecture(Rng rng) {
    return new Sequential(
        new Unflatten(1, 28, 28),
        new Conv2d(1, 32, 3, 1, 1, rng),
        new ReLU(),
        new MaxPool2d(2),
        new Conv2d(32, 64, 3, 1, 1, rng),
        new ReLU(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(3136, 128, rng),
        new ReLU(),
        new Linear(128, 10, rng));
  }

  /**
   * Reads {@code file}, or when it does not exist trains the classifier (a few minutes on two
   * cores), writes it there atomically and returns it; {@code log} hears what happens.
   */
  public static ReferenceClassifier loadOrTrain(Path file, Consumer<String> log)
      throws IOException {
    if (Files.exists(file)) {
      Module m = ModelArchive.load(file);
      if (!(m instanceof Sequential s))
        throw new IOException(file + ": not the reference classifier (" + m + ")");
      return new ReferenceClassifier(s);
    }
    log.accept("training the reference Fashion-MNIST classifier once (2 epochs), for " + file);
    Labeled train = FashionMnist.load(true), test = FashionMnist.load(false);
    Sequential m = architecture(new Rng(1));
    new Trainer(
            m,
            new CrossEntropyLoss(),
            new Adam(1e-3).create(m.parameters()),
            new TrainConfig(2, 64, 1))
        .fit(train, null);
    ReferenceClassifier c = new ReferenceClassifier(m);
    double acc = c.accuracy(test);
    log.accept(String.format(Locale.ROOT, "reference classifier: test accuracy %.4f", acc));
    Files.createDirectories(file.getParent());
    ModelArchive.save(file, m, Map.of("test_accuracy", Double.toString(acc)));
    return c;
  }

  /** The fraction of {@code data} labelled correctly. */
  public double accuracy(Labeled data) {
    int[] p = classify(data.features());
    int right = 0;
    for (int i = 0; i < p.length; i++) if (p[i] == data.labels()[i]) right++;
    return (double) right / p.length;
  }

  /** The predicted class of each image (N, 784) in [0, 1]. */
  public int[] classify(Tensor images) {
    int n = images.size(0);
    int[] out = new int[n];
    try (var off = Grad.disabled()) {
      for (int from = 0; from < n; from += BATCH) {
        int to = Math.min(n, from + BATCH);
        float[] p = model.forward(images.slice(0, from, to)).argmax(1, false).toArray();
        for (int i = 0; i < p.length; i++) out[from + i] = (int) p[i];
      }
    }
    return out;
  }

  /** The penultimate activations (N × 128, row-major) of images (N, 784) in [0, 1]. */
  public float[] features(Tensor images) {
    int n = images.size(0);
    float[] out = null;
    try (var off = Grad.disabled()) {
      for (int from = 0; from < n; from += BATCH) {
        int to = Math.min(n, from + BATCH);
        float[] f = features.forward(images.slice(0, from, to)).toArray();
        if (out == null) out = new float[n * (f.length / (to - from))];
        System.arraycopy(f, 0, out, from * (f.length / (to - from)), f.length);
      }
    }
    return out;
  }

  /** The feature dimension. */
  public int featureSize() {
    return 128;
  }

  /** Generator samples in [−1, 1], any shape (N, ...), as classifier input (N, 784) in [0, 1]. */
  public static Tensor fromGenerator(Tensor samples) {
    return samples.reshape(samples.size(0), -1).add(1f).mul(0.5f).clamp(0f, 1f);
  }

  public List<Module> layers() {
    return model.layers();
  }
}
