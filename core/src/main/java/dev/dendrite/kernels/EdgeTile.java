package dev.dendrite.kernels;

/**
 * A partial register tile of C = A·B (or C += A·B) run by a kernel of masked loads and stores, kept
 * from reaching past an array's end. A masked access whose vector reaches past the end leaves the
 * Vector API's intrinsic for its Java index checks, hundreds of times slower, and a convolution's
 * last tile sits at its output's end every time (36 % of a DCGAN step's samples were there). Such a
 * tile goes through copies of B and C with room to spare; every product is the same.
 */
final class EdgeTile {
  private EdgeTile() {}

  /** A partial tile with masked accesses, the arguments as {@link MicroEdge#edge}'s. */
  @FunctionalInterface
  interface Masked {
    void run(
        int kc,
        int mr,
        int nr,
        float[] a,
        int aOff,
        int aR,
        int aK,
        float[] b,
        int bOff,
        int bK,
        float[] c,
        int cOff,
        int ldc,
        boolean add);
  }

  /** Runs {@code kernel}, whose vectors hold {@code lanes} floats, on copies when it must. */
  static void run(
      Masked kernel,
      int lanes,
      int kc,
      int mr,
      int nr,
      float[] a,
      int aOff,
      int aR,
      int aK,
      float[] b,
      int bOff,
      int bK,
      float[] c,
      int cOff,
      int ldc,
      boolean add) {
    int span = nr > lanes ? 2 * lanes : lanes;
    if (bOff + (kc - 1) * bK + span <= b.length && cOff + (mr - 1) * ldc + span <= c.length) {
      kernel.run(kc, mr, nr, a, aOff, aR, aK, b, bOff, bK, c, cOff, ldc, add);
      return;
    }
    float[] bt = new float[kc * span], ct = new float[mr * span];
    for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + p * bK, bt, p * span, nr);
    if (add) for (int r = 0; r < mr; r++) System.arraycopy(c, cOff + r * ldc, ct, r * span, nr);
    kernel.run(kc, mr, nr, a, aOff, aR, aK, bt, 0, span, ct, 0, span, add);
    for (int r = 0; r < mr; r++) System.arraycopy(ct, r * span, c, cOff + r * ldc, nr);
  }
}
