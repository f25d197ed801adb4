package dev.dendrite.kernels;

/**
 * The left operand of a matrix product, alpha·op(A), packed once in the blocked product's layout,
 * for several products that share it: a convolution's weights against each image's (or each few
 * images') columns. Packed per product, the weights of a 64→128 convolution (128 × 1024 floats)
 * were copied again for every 245 columns, as much memory traffic as the columns themselves.
 *
 * <p>Layout: for each depth block of {@code kc} (the blocking's), starting at depth pc, the block's
 * panels from {@code pc · mPad}, panel p (rows p·mr …) at {@code + p · mr · kc}, each as {@link
 * GemmPack#packA} writes it. A product whose shape takes another path than the packed register tile
 * reads A where it is ({@link #a}), so a PackedA is never wrong, only unused.
 */
public final class PackedA {
  /** Operands of fewer floats are packed on the calling thread. */
  private static final int PARALLEL_FLOATS = 1 << 15;

  final GemmBlocking bl;
  final boolean ta;
  final int m, k, mPad;
  final float alpha;
  final float[] data, a;
  final int ao, lda;

  private PackedA(
      GemmBlocking bl,
      boolean ta,
      int m,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] d) {
    this.bl = bl;
    this.ta = ta;
    this.m = m;
    this.k = k;
    this.alpha = alpha;
    this.a = a;
    this.ao = ao;
    this.lda = lda;
    this.mPad = Math.ceilDiv(m, bl.mr()) * bl.mr();
    this.data = d;
  }

  /** The floats {@link #of} needs in {@code into} for an m × k operand. */
  public static int size(int m, int k) {
    int mr = GemmJava.BLOCKING.mr();
    return Math.ceilDiv(m, mr) * mr * k;
  }

  /**
   * alpha·op(A) (m × k; A is k × m when {@code ta}) packed into {@code into} (at least {@link
   * #size} floats, or null for a new array). A must not change while the result is in use.
   */
  public static PackedA of(
      boolean ta, int m, int k, float alpha, float[] a, int ao, int lda, float[] into) {
    return of(GemmJava.BLOCKING, ta, m, k, alpha, a, ao, lda, into);
  }

  static PackedA of(
      GemmBlocking bl,
      boolean ta,
      int m,
      int k,
      float alpha,
      float[] a,
      int ao,
      int lda,
      float[] into) {
    int mr = bl.mr(), mPad = Math.ceilDiv(m, mr) * mr, panels = mPad / mr;
    float[] d = into != null && into.length >= mPad * k ? into : new float[mPad * k];
    // Split by panels over the pool when the copy is worth a hand-off (a 64→128 convolution's
    // 128 × 1024 weights, packed on the calling thread, left the other one idle): each panel is
    // written by one thread, with the same floats either way.
    Parallel.forRange(
        panels,
        Math.max(1, PARALLEL_FLOATS / Math.max(1, mr * k)),
        (p0, p1) -> {
          for (int pc = 0; pc < k; pc += bl.kc()) {
            int kc = Math.min(bl.kc(), k - pc);
            for (int i = p0 * mr; i < Math.min(m, p1 * mr); i += mr)
              GemmPack.packA(
                  mr, ta, a, ao, lda, i, Math.min(mr, m - i), pc, kc, alpha, d, pc * mPad + i * kc);
          }
        });
    return new PackedA(bl, ta, m, k, alpha, a, ao, lda, d);
  }

  /**
   * alpha·op(A) described but not packed: the products read A in place, as without a PackedA (for
   * callers that pack only some of their operands).
   */
  public static PackedA inPlace(boolean ta, int m, int k, float alpha, float[] a, int ao, int lda) {
    return new PackedA(GemmJava.BLOCKING, ta, m, k, alpha, a, ao, lda, null);
  }

  /**
   * Whether a product of this shape and blocking can read its A from here. The blocking is compared
   * by identity: products use the one they were given, and a record's equals took 0.6 % of a DCGAN
   * step's samples.
   */
  boolean fits(GemmBlocking b, boolean t, int rows, int depth, float scale) {
    return data != null && b == bl && t == ta && rows == m && depth == k && scale == alpha;
  }
}
