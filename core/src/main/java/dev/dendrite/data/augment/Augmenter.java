package dev.dendrite.data.augment;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of {@link Augmentation}s applied, in order, to every image of a training batch.
 *
 * <p>Shapes: a batch (B, C, H, W), or (B, C·H·W) for flattened images such as Fashion-MNIST's 784
 * columns, → a new tensor of the same shape; the input is not changed. Image i of a batch draws
 * from its own generator, seeded from the batch seed and i, so a seed gives the same pixels at any
 * thread count. Images are processed in parallel on the shared pool.
 *
 * <p>Only training batches are augmented ({@code Trainer.augment}, {@code DataLoader.augmented});
 * validation and test data are never passed through here.
 */
public final class Augmenter {
  private final List<Augmentation> steps;
  private final int channels, height, width;

  public Augmenter(List<Augmentation> steps, int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "augmenter: image shape must be positive, got " + channels + "×" + height + "×" + width);
    }
    this.steps = List.copyOf(steps);
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * Parses a comma-separated list such as {@code flip,crop:4,rotate:10} (see {@link
   * Augmentation#parse}).
   */
  public static Augmenter parse(String list, int channels, int height, int width) {
    List<Augmentation> steps = new ArrayList<>();
    for (String t : list.split(",")) {
      if (t.isBlank())
        throw new IllegalArgumentException(
            "empty augmentation in \"" + list + "\" (known: " + Augmentation.KNOWN + ")");
      steps.add(Augmentation.parse(t));
    }
    return new Augmenter(steps, channels, height, width);
  }

  public List<Augmentation> steps() {
    return steps;
  }

  /** The augmented copy of {@code batch}; see the class comment for shapes. */
  public Tensor apply(Tensor batch, long seed) {
    int n = batch.size(0), size = channels * height * width;
    boolean flat = batch.dim() == 2 && batch.size(1) == size;
    boolean image =
        batch.dim() == 4
            && batch.size(1) == channels
            && batch.size(2) == height
            && batch.size(3) == width;
    if (!flat && !image) {
      throw new IllegalArgumentException(
          "augmenter for "
              + channels
              + "×"
              + height
              + "×"
              + width
              + " images got a batch of shape "
              + dev.dendrite.tensor.Shape.str(batch.shape())
              + "; expected (B, "
              + channels
              + ", "
              + height
              + ", "
              + width
              + ") or (B, "
              + size
              + ")");
    }
    float[] x = batch.toArray();
    Parallel.forRange(
        n,
        8,
        (from, to) -> {
          float[] scratch = new float[size];
          for (int i = from; i < to; i++) {
            Rng rng = imageRng(seed, i);
            for (Augmentation a : steps)
              a.apply(x, i * size, channels, height, width, scratch, rng);
          }
        });
    return Tensor.wrap(x, batch.shape());
  }

  /**
   * Image i's generator: the batch seed and i mixed through one SplitMix step, so neighbouring
   * seeds give unrelated streams.
   */
  static Rng imageRng(long seed, int i) {
    return new Rng(new Rng(seed ^ (0xD1B54A32D192ED03L * (i + 1))).nextLong());
  }

  /**
   * A batch seed from a run's seed and its global step: the same step of a resumed run is augmented
   * the same way.
   */
  public static long batchSeed(long runSeed, long step) {
    return new Rng(runSeed * 0x9E3779B97F4A7C15L + step).nextLong();
  }

  @Override
  public String toString() {
    return "Augmenter" + steps + " on " + channels + "×" + height + "×" + width;
  }
}
