package dev.dendrite.kernels;

/**
 * Gets the hot kernels compiled by C2 before a run needs them, by calling each of them a hundred
 * times on problems so small that every loop runs once or twice.
 *
 * <p>Why the problems must be small: HotSpot compiles a method in one of two ways. After enough
 * calls it compiles the whole method; after enough turns of a loop inside one call it compiles the
 * loop on its own, entered mid-way from the running interpreter (on-stack replacement). For a
 * Vector API kernel the second kind is bad twice over. The accumulators it takes over from the
 * interpreter have no known class, so the vector calls stay virtual and box every vector: the code
 * runs like the fallback. And it takes several times as long to compile as the whole method (the
 * GEMM tile's first real calls each run a loop of 128–256 turns). Enough short calls make HotSpot
 * compile the methods whole first, and with both sides of each branch seen (C += and C =), so that
 * the first real call does not throw the compiled code away again.
 *
 * <p>A hundred calls of a few hundred floats take a few milliseconds in the interpreter; the
 * compiling then goes on in HotSpot's compiler threads.
 */
public final class WarmUp {
  private static final int CALLS = 100;

  private WarmUp() {}

  /**
   * Calls the GEMM paths, the recurrent cells and the common elementwise, reduction and update
   * kernels.
   */
  public static void kernels() {
    float[] a = new float[96 * 20], b = new float[96 * 20], c = new float[96 * 96];
    java.util.Arrays.fill(a, 0.5f);
    java.util.Arrays.fill(b, 0.25f);
    float[] x = new float[4 * 80],
        y = new float[4 * 80],
        z = new float[4 * 80],
        w = new float[4 * 80];
    java.util.Arrays.fill(x, 0.1f);
    java.util.Arrays.fill(y, 0.2f);
    for (int call = 0; call < CALLS; call++) {
      float beta = call % 2; // C = A·B and C += A·B
      // Packed A in 12-, 8- and 4-row tiles, an edge tile, B in place and a narrow packed B panel.
      GemmJava.sgemm(true, false, 24, 96, 2, 1f, a, 0, 24, b, 0, 96, beta, c, 0, 96);
      GemmJava.sgemm(true, false, 13, 40, 2, 1f, a, 0, 13, b, 0, 40, beta, c, 0, 40);
      GemmJava.sgemm(true, false, 8, 32, 2, 1f, a, 0, 8, b, 0, 32, beta, c, 0, 32);
      GemmJava.sgemm(true, false, 4, 32, 2, 1f, a, 0, 4, b, 0, 32, beta, c, 0, 32);
      // B packed from its transpose; the Linear layer's dot-product tiles; the shallow product.
      GemmJava.sgemm(false, true, 72, 32, 2, 1f, a, 0, 2, b, 0, 2, beta, c, 0, 32);
      GemmJava.sgemm(false, true, 14, 5, 20, 1f, a, 0, 20, b, 0, 20, beta, c, 0, 5);
      GemmJava.sgemm(false, false, 12, 40, 3, 1f, a, 0, 3, b, 0, 40, beta, c, 0, 40);
      // LSTM and GRU cells (one row, H = 20: a vector and a tail), their nonlinearities included.
      Gates.lstmForward(x, 0, y, 0, 20, 1, 20, z, 0, w, 0);
      Gates.lstmBackward(y, w, 0, x, 0, 20, z, 0, 1, 20, c, 0, b);
      Gates.gruForward(x, y, z, 1, 20, w, c);
      Gates.gruBackward(x, c, y, z, 1, 20, w, b, a);
      for (Elementwise.Binary op :
          new Elementwise.Binary[] {
            Elementwise.Binary.ADD,
            Elementwise.Binary.SUB,
            Elementwise.Binary.MUL,
            Elementwise.Binary.DIV
          }) {
        Elementwise.binary(op, z, 0, x, 0, 1, y, 0, 1, 20);
        Elementwise.binary(op, z, 0, x, 0, 1, y, 0, 0, 20);
      }
      for (Elementwise.Unary op :
          new Elementwise.Unary[] {
            Elementwise.Unary.EXP,
            Elementwise.Unary.RELU,
            Elementwise.Unary.SIGMOID,
            Elementwise.Unary.TANH
          }) {
        Elementwise.unary(op, z, 0, x, 0, 20);
      }
      Elementwise.axpy(z, 0, 0.5f, x, 0, 20);
      Elementwise.reluBackward(z, 0, x, 0, y, 0, 20);
      Reduce.sum(z, 0, x, 0, 1, 2, 20);
      Reduce.sum(z, 0, x, 0, 2, 20, 1);
      Reduce.softmaxRows(call % 4 < 2, z, 0, x, 0, 2, 20);
      Updates.sgd(w, 0, x, 0, z, 0, 20, 0.01f, 0.9f, 0f, false, 0f, call == 0);
      Updates.adam(w, 0, x, 0, y, z, null, 0, 20, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, call + 1);
    }
  }
}
