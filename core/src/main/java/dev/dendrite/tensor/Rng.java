package dev.dendrite.tensor;

/**
 * A seeded random generator: SplitMix64 (Steele, Lea, Flood 2014), written out here rather than
 * borrowed from the JDK so that a seed gives the same numbers on every JDK, bit for bit. Not
 * thread-safe; give each thread its own (see {@link #split()}).
 */
public final class Rng {
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /**
   * The generator's whole state, for checkpoints: {@code new Rng(0).restore(s)} continues the same
   * stream.
   */
  public long state() {
    return state;
  }

  /** Sets the state saved by {@link #state()}. Returns this. */
  public Rng restore(long saved) {
    state = saved;
    return this;
  }

  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  /** The next 64 random bits. */
  public long nextLong() {
    return mix(state += GAMMA);
  }

  /**
   * Moves past {@code n} draws, as {@code n} calls of {@link #nextLong} would: SplitMix64's state
   * is a counter, so blocks of a stream can be drawn apart (kernels.Bernoulli) and skipped here.
   * Returns this.
   */
  public Rng skip(long n) {
    state += n * GAMMA;
    return this;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform on [0, 1), 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform on [0, 1), 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer on [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be > 0, got " + bound);
    // Lemire's multiply-shift with rejection: unbiased.
    long m = (nextLong() >>> 32) * bound;
    if ((m & 0xFFFFFFFFL) < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while ((m & 0xFFFFFFFFL) < threshold) m = (nextLong() >>> 32) * bound;
    }
    return (int) (m >>> 32);
  }

  /** Standard normal, by the Box–Muller transform. */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** An independent generator derived from this one's stream. */
  public Rng split() {
    return new Rng(nextLong());
  }

  /** Fisher–Yates shuffle of {@code a} in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
