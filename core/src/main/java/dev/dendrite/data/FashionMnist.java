package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28×28 grey images of 10 kinds of clothing, 60,000 for
 * training and 10,000 for testing. Read from {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist}) or {@code ~/.dendrite/datasets/fashion-mnist}.
 */
public final class FashionMnist {
  public static final List<String> CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /** The folders searched, in order. */
  public static List<Path> searchPath() {
    return List.of(Path.of("/usr/share/datasets/fashion-mnist"),
        Path.of(System.getProperty("user.home"), ".dendrite", "datasets", "fashion-mnist"));
  }

  /** The first folder that holds the four files, or null. */
  public static Path find() {
    for (Path p : searchPath()) {
      if (Files.isRegularFile(p.resolve("train-images-idx3-ubyte.gz")) && Files.isRegularFile(p.resolve("t10k-labels-idx1-ubyte.gz"))) return p;
    }
    return null;
  }

  /** Loads the training ({@code train = true}) or test split, pixels scaled to [0, 1], shape (N, 784). */
  public static Labeled load(boolean train) throws IOException {
    Path dir = find();
    if (dir == null) {
      throw new IOException("Fashion-MNIST not found in " + searchPath() + "; install it with `apt-get install dataset-fashion-mnist`");
    }
    String prefix = train ? "train" : "t10k";
    Idx.Array images = Idx.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
    Idx.Array labels = Idx.read(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    int n = images.shape()[0];
    if (labels.shape()[0] != n) throw new IOException(dir + ": " + n + " images but " + labels.shape()[0] + " labels");
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) lab[i] = labels.data()[i] & 0xFF;
    Tensor x = images.toTensor(1f / 255f).reshape(n, -1);
    return new Labeled(x, lab, CLASSES);
  }
}
