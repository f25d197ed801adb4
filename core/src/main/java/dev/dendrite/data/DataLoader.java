package dev.dendrite.data;

import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over {@code size} examples, as PyTorch's DataLoader: batch size, shuffling with a
 * seed (a new order each pass, the same sequence of orders for the same seed), and drop-last. A
 * {@link Collate} turns each batch's example indices into the batch itself, so one loader serves a
 * labelled table, character pieces of a text and windows of a series alike. Batch gradient descent,
 * stochastic gradient descent and mini-batch gradient descent are batch sizes N, 1 and b.
 *
 * <p>The loader's position is its generator's state and the number of batches it has served; a
 * checkpoint saves both ({@link #rngState()}, {@link #served()}) and {@link #restore} puts them
 * back, so a resumed run sees the batches an uninterrupted run would have seen.
 *
 * @param <B> what a batch is
 */
public final class DataLoader<B> implements Iterable<B> {
  /**
   * Builds the batch of the examples {@code rows}, in that order; {@code number} counts the
   * loader's batches from 0 across passes (a seed for per-batch randomness that survives a resume).
   */
  @FunctionalInterface
  public interface Collate<B> {
    B rows(int[] rows, long number);
  }

  /** One batch of a labelled table: features (B, ...) and labels as a float tensor (B). */
  public record Batch(Tensor features, Tensor target) {
    public int size() {
      return features.size(0);
    }

    /** The labels as ints. */
    public int[] labels() {
      float[] t = target.toArray();
      int[] l = new int[t.length];
      for (int i = 0; i < t.length; i++) l[i] = (int) t[i];
      return l;
    }
  }

  private final int size, batchSize;
  private final boolean dropLast;
  private final long seed;
  private final Rng rng;
  private final Collate<B> collate;
  private final Sampler sampler;
  private long served;

  /**
   * A loader over examples {@code 0 … size−1}.
   *
   * @param seed seeds the shuffling (ignored without it) and any per-batch randomness of the
   *     collate
   */
  public DataLoader(
      int size, int batchSize, boolean shuffle, boolean dropLast, long seed, Collate<B> collate) {
    this(size, batchSize, shuffle, dropLast, seed, new Rng(seed), collate);
  }

  /**
   * A loader that shuffles with {@code rng}, a generator the caller goes on using (the loader's
   * position is then that generator's state); {@code seed} seeds per-batch randomness.
   */
  public DataLoader(
      int size,
      int batchSize,
      boolean shuffle,
      boolean dropLast,
      long seed,
      Rng rng,
      Collate<B> collate) {
    this(batchSize, dropLast, seed, rng, shuffle ? Sampler.shuffle(size) : null, size, collate);
  }

  /**
   * A loader whose passes are the indices {@code sampler} draws (a {@link WeightedRandomSampler},
   * an {@link Oversampler}), from a generator seeded with {@code seed}; the batches of a pass are
   * consecutive runs of its indices.
   */
  public DataLoader(
      Sampler sampler, int batchSize, boolean dropLast, long seed, Collate<B> collate) {
    this(batchSize, dropLast, seed, new Rng(seed), sampler, sampler.length(), collate);
  }

  private DataLoader(
      int batchSize,
      boolean dropLast,
      long seed,
      Rng rng,
      Sampler sampler,
      int size,
      Collate<B> collate) {
    if (batchSize < 1)
      throw new IllegalArgumentException("DataLoader: batch size must be >= 1, got " + batchSize);
    if (size < 1) throw new IllegalArgumentException("DataLoader: no examples to load");
    if (dropLast && size < batchSize)
      throw new IllegalArgumentException(
          "DataLoader: " + size + " examples make no whole batch of " + batchSize);
    this.size = size;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.seed = seed;
    this.rng = rng;
    this.collate = collate;
    this.sampler = sampler;
  }

  /**
   * Batches of whole rows of {@code data} ({@code indexSelect} on a contiguous tensor copies rows,
   * not elements).
   */
  public static DataLoader<Batch> of(
      Labeled data, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    return of(data, batchSize, shuffle, dropLast, seed, null);
  }

  /**
   * The training loader: as {@link #of(Labeled, int, boolean, boolean, long)}, each batch passed
   * through {@code augmenter} with a seed of the loader's seed and the batch's number since the
   * first pass ({@link Augmenter#batchSeed}). Use the plain loader for validation and test data.
   */
  public static DataLoader<Batch> of(
      Labeled data,
      int batchSize,
      boolean shuffle,
      boolean dropLast,
      long seed,
      Augmenter augmenter) {
    return new DataLoader<>(
        data.size(), batchSize, shuffle, dropLast, seed, rows(data, seed, augmenter));
  }

  /**
   * The training loader of {@link #of(Labeled, int, boolean, boolean, long, Augmenter)}, visiting
   * the examples {@code sampler} draws each pass instead of a permutation.
   */
  public static DataLoader<Batch> of(
      Labeled data,
      int batchSize,
      Sampler sampler,
      boolean dropLast,
      long seed,
      Augmenter augmenter) {
    return new DataLoader<>(sampler, batchSize, dropLast, seed, rows(data, seed, augmenter));
  }

  /**
   * As {@link #of(Labeled, int, boolean, boolean, long)}, shuffling with the caller's {@code rng}.
   */
  public static DataLoader<Batch> of(
      Labeled data, int batchSize, boolean shuffle, boolean dropLast, Rng rng) {
    return new DataLoader<>(data.size(), batchSize, shuffle, dropLast, 0, rng, rows(data, 0, null));
  }

  private static Collate<Batch> rows(Labeled data, long seed, Augmenter augmenter) {
    Tensor y = data.labelTensor();
    return (rows, number) -> {
      Tensor r = indexTensor(rows);
      Tensor x = data.features().indexSelect(0, r);
      if (augmenter != null) x = augmenter.apply(x, Augmenter.batchSeed(seed, number));
      return new Batch(x, y.indexSelect(0, r));
    };
  }

  /** Row indices as the index tensor {@code indexSelect} takes. */
  public static Tensor indexTensor(int[] rows) {
    float[] idx = new float[rows.length];
    for (int i = 0; i < rows.length; i++) idx[i] = rows[i];
    return Tensor.of(idx);
  }

  /** Examples per pass. */
  public int size() {
    return size;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Batches per pass. */
  public int batches() {
    return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
  }

  /** The shuffling generator's state, for a checkpoint. */
  public long rngState() {
    return rng.state();
  }

  /** Batches served since the loader was made (or since the position {@link #restore}d). */
  public long served() {
    return served;
  }

  /** Puts the loader back where a checkpoint left it. */
  public void restore(long rngState, long served) {
    rng.restore(rngState);
    this.served = served;
  }

  /** One pass over the data; each call shuffles anew when shuffling. */
  @Override
  public Iterator<B> iterator() {
    return iterator(0);
  }

  /**
   * One pass that skips its first {@code first} batches without building them: a run resumed from a
   * checkpoint written inside an epoch, with the generator state from before that epoch's shuffle,
   * goes on with the batch it would have seen next.
   */
  public Iterator<B> iterator(int first) {
    int[] order;
    if (sampler != null) {
      order = sampler.indices(rng);
    } else {
      order = new int[size];
      for (int i = 0; i < size; i++) order[i] = i;
    }
    int count = batches();
    if (first < 0 || first > count)
      throw new IllegalArgumentException(
          "a pass has " + count + " batches; cannot start at batch " + first);
    return new Iterator<>() {
      int b = first;

      @Override
      public boolean hasNext() {
        return b < count;
      }

      @Override
      public B next() {
        if (!hasNext()) throw new NoSuchElementException();
        int from = b * batchSize, to = Math.min(size, from + batchSize);
        b++;
        return collate.rows(java.util.Arrays.copyOfRange(order, from, to), served++);
      }
    };
  }
}
