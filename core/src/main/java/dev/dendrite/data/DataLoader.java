package dev.dendrite.data;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over a labelled data set, as PyTorch's DataLoader: batch size, shuffling with a seed
 * (a new order each pass, the same sequence of orders for the same seed), and drop-last. Batch
 * gradient descent, stochastic gradient descent and mini-batch gradient descent are batch sizes N, 1
 * and b. Rows are copied whole ({@code indexSelect} on a contiguous tensor), not element by element.
 */
public final class DataLoader implements Iterable<DataLoader.Batch> {
  /** One batch: features (B, ...), labels as a float tensor (B) and as ints. */
  public record Batch(Tensor features, Tensor target, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  private final Labeled data;
  private final int batchSize;
  private final boolean shuffle, dropLast;
  private final Rng rng;
  private final dev.dendrite.data.augment.Augmenter augmenter;

  public DataLoader(Labeled data, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    this(data, batchSize, shuffle, dropLast, new Rng(seed), null);
  }

  private DataLoader(Labeled data, int batchSize, boolean shuffle, boolean dropLast, Rng rng, dev.dendrite.data.augment.Augmenter augmenter) {
    if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batch size must be >= 1, got " + batchSize);
    this.data = data;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.rng = rng;
    this.augmenter = augmenter;
  }

  /**
   * The training loader: the same batches, each passed through {@code a} with a seed drawn once per
   * pass from this loader's generator. Use the plain loader for validation and test data.
   */
  public DataLoader augmented(dev.dendrite.data.augment.Augmenter a) {
    return new DataLoader(data, batchSize, shuffle, dropLast, new Rng(rng.state()), a);
  }

  /** Batches per pass. */
  public int batches() {
    int n = data.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** One pass over the data; each call shuffles anew when shuffling. */
  @Override
  public Iterator<Batch> iterator() {
    int n = data.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    if (shuffle) rng.shuffle(order);
    long passSeed = augmenter != null ? rng.nextLong() : 0;
    int count = batches();
    return new Iterator<>() {
      int b;

      @Override
      public boolean hasNext() {
        return b < count;
      }

      @Override
      public Batch next() {
        if (!hasNext()) throw new NoSuchElementException();
        int from = b * batchSize, to = Math.min(n, from + batchSize);
        b++;
        float[] idx = new float[to - from];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
          idx[i - from] = order[i];
          labels[i - from] = data.labels()[order[i]];
        }
        float[] target = new float[labels.length];
        for (int i = 0; i < labels.length; i++) target[i] = labels[i];
        Tensor x = data.features().indexSelect(0, Tensor.of(idx));
        if (augmenter != null) x = augmenter.apply(x, dev.dendrite.data.augment.Augmenter.batchSeed(passSeed, b));
        return new Batch(x, Tensor.of(target), labels);
      }
    };
  }
}
