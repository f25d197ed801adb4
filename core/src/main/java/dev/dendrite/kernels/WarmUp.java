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

  /**
   * Elements per elementwise call, in turn: whole vectors and a tail; whole vectors only; a tail
   * only. A real call that skips a loop the warm-up always entered (or the other way round) would
   * meet a branch C2 left out.
   */
  private static final int[] SIZES = {37, 32, 5};

  /** The longest of {@link #SIZES}. */
  private static final int N = 37;

  private WarmUp() {}

  /**
   * Calls the GEMM paths, the recurrent cells and every elementwise, reduction, sampling and update
   * kernel, each operator and stride pattern of them.
   */
  public static void kernels() {
    GemmWarmUp gemm = new GemmWarmUp();
    ConvWarmUp conv = new ConvWarmUp();
    float[] a = new float[96 * 20], b = new float[96 * 20], c = new float[96 * 96];
    java.util.Arrays.fill(a, 0.5f);
    java.util.Arrays.fill(b, 0.25f);
    float[] x = new float[4 * 80],
        y = new float[4 * 80],
        z = new float[4 * 80],
        w = new float[4 * 80];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 7 - 3) * 0.1f; // both signs, for the ReLUs' and the extremes' branches
      y[i] = 0.2f + (i % 5) * 0.05f;
    }
    float[] m = new float[N], v = new float[N], vmax = new float[N];
    for (int call = 0; call < CALLS; call++) {
      gemm.round(call % 2 == 1);
      conv.round(call);
      // LSTM and GRU cells (one row, H = 20: a vector and a tail), their nonlinearities included.
      Gates.lstmForward(x, 0, y, 0, 20, 1, 20, z, 0, w, 0);
      Gates.lstmBackward(y, w, 0, x, 0, 20, z, 0, 1, 20, c, 0, b);
      Gates.gruForward(x, y, z, 1, 20, w, c);
      Gates.gruBackward(x, c, y, z, 1, 20, w, b, a);
      int n = SIZES[call % SIZES.length];
      Gates.rnnForward(z, 0, n, call % 2 == 0);
      Gates.rnnBackward(y, 0, x, 0, n, call % 2 == 0, z, 0);
      elementwise(n, x, y, z);
      reductions(call, n, x, z, w);
      Bernoulli.below(call, 0, y, 0, z, 0, n);
      updates(call, n, w, x, z, m, v, vmax);
    }
  }

  private static void elementwise(int n, float[] x, float[] y, float[] z) {
    for (Elementwise.Binary op : Elementwise.Binary.values()) {
      Elementwise.binary(op, z, 0, x, 0, 1, y, 0, 1, n);
      Elementwise.binary(op, z, 0, x, 0, 1, y, 0, 0, n);
      Elementwise.binary(op, z, 0, x, 0, 0, y, 0, 1, n);
    }
    for (Elementwise.Unary op : Elementwise.Unary.values()) Elementwise.unary(op, z, 0, y, 0, n);
    Elementwise.clamp(z, 0, x, 0, n, -0.1f, 0.1f);
    Elementwise.powScalar(z, 0, y, 0, n, 3f);
    Elementwise.axpy(z, 0, 0.5f, x, 0, n);
    Elementwise.affine(z, 0, x, 0, n, 2f, 1f);
    Elementwise.reluBackward(z, 0, y, 0, x, 0, n);
    Elementwise.leakyRelu(z, 0, x, 0, n, 0.1f);
    Elementwise.leakyReluBackward(z, 0, y, 0, x, 0, n, 0.1f);
  }

  private static void reductions(int call, int n, float[] x, float[] z, float[] w) {
    Reduce.sum(z, 0, x, 0, 2, n, 1);
    Reduce.sum(z, 0, x, 0, 2, 3, 20);
    Reduce.sumSquares(x, 0, n);
    Reduce.sumContiguous(x, 0, n);
    Reduce.extreme(call % 2 == 0, z, 0, w, 0, x, 0, 2, 10, 3);
    Reduce.extreme(call % 2 == 1, z, 0, null, 0, x, 0, 3, 10, 1);
    Reduce.softmaxRows(call % 4 < 2, z, 0, x, 0, 2, n);
  }

  private static void updates(
      int call, int n, float[] p, float[] g, float[] buf, float[] m, float[] v, float[] vmax) {
    boolean odd = call % 2 == 1;
    float wd = odd ? 0.01f : 0f;
    Updates.sgd(p, 0, g, 0, null, 0, n, 0.01f, 0f, 0f, false, wd, false);
    Updates.sgd(p, 0, g, 0, buf, 0, n, 0.01f, 0.9f, 0f, odd, wd, call == 0);
    Updates.adam(p, 0, g, 0, m, v, null, 0, n, 1e-3, 0.9, 0.999, 1e-8, wd, odd, call + 1);
    Updates.adam(p, 0, g, 0, m, v, vmax, 0, n, 1e-3, 0.9, 0.999, 1e-8, 0, false, call + 1);
    Updates.rmsprop(
        p, 0, g, 0, v, odd ? m : null, odd ? buf : null, 0, n, 1e-3, 0.99, 1e-8, wd, 0.9);
    Updates.adagrad(p, 0, g, 0, v, 0, n, 0.01f, 0f, 1e-10f, wd, call + 1);
  }
}
