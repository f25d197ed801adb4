package dev.dendrite.kernels;

/**
 * One round of {@link WarmUp} for the GEMM: every register tile, packing routine and dot-product
 * block, each with every branch a training run takes, on problems of a few hundred floats.
 *
 * <p>Why every branch: C2 compiles a method from the profile the warm-up leaves, and a branch that
 * was never taken is left out, with a trap in its place. The first real call that takes it throws
 * the compiled code away, and the kernel runs in the interpreter, where each vector operation
 * allocates, until C2 has compiled it again, while training has both cores busy: an autoencoder's
 * first 250 steps ran at half speed that way. The tiles are called directly, so that a change in
 * {@link GemmJava}'s choice of path cannot leave one of them cold; the products through {@link
 * GemmJava#sgemm} then warm the choosing itself.
 */
final class GemmWarmUp {
  private final float[] a = filled(64 * 64, 0.5f), b = filled(64 * 64, 0.25f);
  private final float[] c = new float[96 * 96];
  // An 8×10 tile's size (ldc 10): a partial tile in its last rows reaches the array's end.
  private final float[] tight = new float[8 * 10];
  private final float[] panel = new float[32 * 40];

  private static float[] filled(int n, float v) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  /** One call of each; {@code add} alternates between C = A·B and C += A·B. */
  void round(boolean add) {
    tiles(add);
    packing();
    dispatch(add ? 1f : 0f);
  }

  private void tiles(boolean add) {
    int kc = 2;
    if (GemmJava.BLOCKING.vectorBits() == 512) {
      Micro.kernel(kc, a, 0, b, 0, 32, c, 0, 32, add);
      Micro.kernelInPlace(kc, a, 0, 40, b, 0, 32, c, 0, 32, add);
      Micro.kernel8(kc, a, 0, b, 0, 32, c, 0, 32, add);
      Micro.kernel4(kc, a, 0, b, 0, 32, c, 0, 32, add);
      // Partial tiles: A packed and in place, up to 16 and up to 32 columns, inside C and at its
      // end (where they run on copies).
      MicroEdge.edge(kc, 5, 20, a, 0, 1, 12, b, 0, 32, c, 0, 32, add);
      MicroEdge.edge(kc, 7, 9, a, 0, 40, 1, b, 0, 32, c, 0, 32, add);
      MicroEdge.edge(kc, 8, 10, a, 0, 40, 1, b, 0, 32, tight, 0, 10, add);
    } else {
      GemmMicro256.kernel(kc, a, 0, b, 0, 16, c, 0, 16, add);
      GemmMicro256.kernelInPlace(kc, a, 0, 40, b, 0, 16, c, 0, 16, add);
      GemmMicro256.edge(kc, 3, 12, a, 0, 1, 4, b, 0, 16, c, 0, 16, add);
      GemmMicro256.edge(kc, 2, 5, a, 0, 40, 1, b, 0, 16, c, 0, 16, add);
      GemmMicro256.edge(kc, 4, 10, a, 0, 40, 1, b, 0, 16, tight, 40, 10, add);
    }
  }

  private void packing() {
    int cols = GemmJava.BLOCKING.nr(), rows = GemmJava.BLOCKING.mr();
    // B row-major (whole and partial panels) and stored transposed (deep enough for the register
    // transposes, whole and partial, with a depth tail and without; too shallow for them).
    GemmPack.packB(cols, false, b, 0, 40, 0, 20, 0, cols, panel, 0);
    GemmPack.packB(cols, false, b, 0, 40, 0, 20, 0, cols - 5, panel, 0);
    GemmPack.packB(cols, true, b, 0, 40, 0, 37, 0, cols, panel, 0);
    GemmPack.packB(cols, true, b, 0, 40, 0, 32, 0, cols, panel, 0);
    GemmPack.packB(cols, true, b, 0, 40, 0, 37, 0, cols - 5, panel, 0);
    GemmPack.packB(cols, true, b, 0, 40, 0, 5, 0, cols, panel, 0);
    // A transposed, row-major in register blocks (whole and partial), row-major too shallow for
    // them, row-major scaled.
    GemmPack.packA(rows, true, a, 0, 40, 0, rows, 0, 20, 1f, panel, 0);
    GemmPack.packA(rows, false, a, 0, 40, 0, rows, 0, 2 * rows, 1f, panel, 0);
    GemmPack.packA(rows, false, a, 0, 40, 0, rows, 0, 37, 1f, panel, 0);
    GemmPack.packA(rows, false, a, 0, 40, 0, rows - 1, 0, 37, 1f, panel, 0);
    GemmPack.packA(rows, false, a, 0, 40, 0, rows, 0, 20, 0.5f, panel, 0);
  }

  private void dispatch(float beta) {
    // The choosing between paths: each product a few thousand multiply-adds, which the tiles
    // above run long before C2 has compiled them (the choosing's own deviations cost little).
    // Packed A in 12-, 8- and 4-row tiles, an edge tile, B in place and a narrow packed B panel.
    GemmJava.sgemm(true, false, 24, 96, 2, 1f, a, 0, 24, b, 0, 96, beta, c, 0, 96);
    GemmJava.sgemm(true, false, 13, 40, 2, 1f, a, 0, 13, b, 0, 40, beta, c, 0, 40);
    GemmJava.sgemm(true, false, 8, 32, 2, 1f, a, 0, 8, b, 0, 32, beta, c, 0, 32);
    GemmJava.sgemm(true, false, 4, 32, 2, 1f, a, 0, 4, b, 0, 32, beta, c, 0, 32);
    // A packed from row-major storage (alpha not 1), beta neither 0 nor 1.
    GemmJava.sgemm(false, false, 20, 40, 17, 0.5f, a, 0, 17, b, 0, 40, 0.5f, c, 0, 40);
    // The dot-product tiles: 6- and 4-row blocks and a partial one, depth with a tail and without.
    GemmJava.sgemm(false, true, 16, 6, 20, 1f, a, 0, 20, b, 0, 20, beta, c, 0, 6);
    GemmJava.sgemm(false, true, 16, 6, 32, 1f, a, 0, 32, b, 0, 32, beta, c, 0, 6);
    // Shallow products (B transposed and not), and Aᵀ·B with few columns as its transpose.
    GemmJava.sgemm(false, true, 72, 32, 2, 1f, a, 0, 2, b, 0, 2, beta, c, 0, 32);
    GemmJava.sgemm(false, false, 12, 40, 3, 1f, a, 0, 3, b, 0, 40, beta, c, 0, 40);
    GemmJava.sgemm(true, false, 40, 8, 20, 1f, a, 0, 40, b, 0, 8, beta, c, 0, 8);
    // The public entry, whose checks and choice of backend come first.
    Gemm.sgemm(false, true, 14, 5, 20, 1f, a, 0, 20, b, 0, 20, beta, c, 0, 5);
  }
}
