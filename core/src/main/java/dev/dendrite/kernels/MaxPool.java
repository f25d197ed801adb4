package dev.dendrite.kernels;

/**
 * Max pooling over kH×kW windows of planes (H, W) with strides, dilation and −∞ padding, recording
 * where each maximum came from so that the backward pass is a scatter. The first maximum in
 * row-major window order wins a tie; a NaN wins over numbers (it propagates, as in PyTorch).
 *
 * <p>Shapes: in (planes, H, W) → out and arg (planes, Hout, Wout), Hout = ⌊(H + 2·pad − k)/stride⌋
 * + 1; {@code arg} holds the index within the input plane.
 */
public final class MaxPool {
  /**
   * Planes per task: a plane of the reference CNN is a few hundred outputs, too little to share out
   * alone.
   */
  private static final int GRAIN = 16;

  private MaxPool() {}

  public static void forward(
      float[] out,
      int[] arg,
      float[] in,
      int inOff,
      int planes,
      int h,
      int w,
      int k,
      int stride,
      int pad,
      int ho,
      int wo) {
    forward(out, 0, arg, in, inOff, planes, h, w, k, stride, pad, ho, wo);
  }

  /**
   * The same with the outputs (and their positions in {@code arg}) from index {@code outOff} on.
   */
  public static void forward(
      float[] out,
      int outOff,
      int[] arg,
      float[] in,
      int inOff,
      int planes,
      int h,
      int w,
      int k,
      int stride,
      int pad,
      int ho,
      int wo) {
    forward(
        out, outOff, arg, in, inOff, planes, h, w, k, k, stride, stride, pad, pad, 1, 1, ho, wo);
  }

  /**
   * Per-axis windows, PyTorch's tuples: kernel kH×kW, strides sH, sW, padding pH, pW and dilation
   * dH, dW; Hout = ⌊(H + 2·pH − dH·(kH − 1) − 1)/sH⌋ + 1. The square 2×2, stride-2 window has a
   * loop of its own; every other window runs the same two loops, with or without bounds tests.
   *
   * <p>No vector path: a pooled row of the reference CNN (14 or 7 outputs) is shorter than a
   * vector, so vectors must gather across rows, and the Vector API's gather is not an intrinsic on
   * the x86 JDK 25 builds measured. Its Java fallback allocates boxes that only escape analysis
   * removes, and whether C2 manages that varies from run to run: half the CNN runs then allocated 5
   * GB more, trained 35 % slower and predicted 3 times slower. The scalar loop does the same in
   * every run (CNN training 2,350–2,410 samples/s against 2,550 at the gather's best).
   */
  public static void forward(
      float[] out,
      int outOff,
      int[] arg,
      float[] in,
      int inOff,
      int planes,
      int h,
      int w,
      int kh,
      int kw,
      int sh,
      int sw,
      int ph,
      int pw,
      int dh,
      int dw,
      int ho,
      int wo) {
    // Windows that all lie inside the plane need no bounds tests (in ceil mode the last may not).
    boolean fits =
        ph == 0
            && pw == 0
            && (ho - 1) * sh + dh * (kh - 1) < h
            && (wo - 1) * sw + dw * (kw - 1) < w;
    boolean two = fits && kh == 2 && kw == 2 && sh == 2 && sw == 2 && dh == 1 && dw == 1;
    Window win = new Window(kh, kw, sh, sw, ph, pw, dh, dw);
    Parallel.forRange(
        planes,
        GRAIN,
        (p0, p1) -> {
          for (int p = p0; p < p1; p++) {
            int ib = inOff + p * h * w, ob = outOff + p * ho * wo;
            if (two) window2(out, arg, ob, in, ib, w, ho, wo, 0);
            else if (fits) inside(out, arg, ob, in, ib, w, win, ho, wo);
            else padded(out, arg, ob, in, ib, h, w, win, ho, wo);
          }
        });
  }

  /** A pooling window's geometry, per axis. */
  private record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {}

  /**
   * gi (planes, H, W) += gd scattered to the recorded maxima (gi holds zeros or a sum to add to).
   */
  public static void backward(
      float[] gi, int[] arg, float[] gd, int gdOff, int planes, int h, int w, int ho, int wo) {
    Parallel.forRange(
        planes,
        GRAIN,
        (p0, p1) -> {
          for (int p = p0; p < p1; p++) {
            int ib = p * h * w, ob = p * ho * wo;
            for (int o = 0; o < ho * wo; o++) gi[ib + arg[ob + o]] += gd[gdOff + ob + o];
          }
        });
  }

  /** True when v takes over from best: larger, or the first NaN. */
  private static boolean wins(float v, float best) {
    return v > best || (v != v && best == best);
  }

  /**
   * The 2×2, stride-2 window from output {@code from} on: four loads and three comparisons per
   * output, without a branch. Which of a window's floats is largest is as good as random on
   * rectified activations, and a branch per comparison was mispredicted often enough to make
   * pooling a third of a CNN step's samples on a Zen 5; each comparison here is a 0/−1 mask that
   * selects the value's bits and the position arithmetically.
   */
  private static void window2(
      float[] out, int[] arg, int ob, float[] in, int ib, int w, int ho, int wo, int from) {
    for (int oy = from / wo; oy < ho; oy++) {
      int r0 = 2 * oy * w, r1 = r0 + w, o = ob + oy * wo;
      for (int ox = oy == from / wo ? from % wo : 0; ox < wo; ox++) {
        int at = r0 + 2 * ox;
        float best = in[ib + at];
        float v = in[ib + at + 1];
        int m = mask(v, best);
        best = select(m, v, best);
        int k = m & 1;
        v = in[ib + r1 + 2 * ox];
        m = mask(v, best);
        best = select(m, v, best);
        k = (k & ~m) | (m & w);
        v = in[ib + r1 + 2 * ox + 1];
        m = mask(v, best);
        best = select(m, v, best);
        k = (k & ~m) | (m & (w + 1));
        out[o + ox] = best;
        arg[o + ox] = at + k;
      }
    }
  }

  /** −1 when v takes over from best ({@link #wins}), else 0, computed without a branch. */
  private static int mask(float v, float best) {
    // Non-short-circuit operators, so that C2 sets flags rather than branching.
    boolean take = (v > best) | ((v != v) & (best == best));
    return -(take ? 1 : 0);
  }

  /** v where the mask is −1, best where it is 0, by their bits. */
  private static float select(int m, float v, float best) {
    int b = Float.floatToRawIntBits(best);
    return Float.intBitsToFloat(b ^ ((b ^ Float.floatToRawIntBits(v)) & m));
  }

  /** Every window inside the plane: no bounds tests. */
  private static void inside(
      float[] out, int[] arg, int ob, float[] in, int ib, int w, Window win, int ho, int wo) {
    int kh = win.kh(), kw = win.kw(), sh = win.sh(), sw = win.sw(), dh = win.dh(), dw = win.dw();
    for (int oy = 0; oy < ho; oy++) {
      for (int ox = 0; ox < wo; ox++) {
        int base = oy * sh * w + ox * sw, at = base;
        float best = in[ib + base];
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            int q = base + i * dh * w + j * dw;
            float v = in[ib + q];
            if (wins(v, best)) {
              best = v;
              at = q;
            }
          }
        }
        out[ob + oy * wo + ox] = best;
        arg[ob + oy * wo + ox] = at;
      }
    }
  }

  private static void padded(
      float[] out,
      int[] arg,
      int ob,
      float[] in,
      int ib,
      int h,
      int w,
      Window win,
      int ho,
      int wo) {
    int kh = win.kh(), kw = win.kw(), sh = win.sh(), sw = win.sw();
    int ph = win.ph(), pw = win.pw(), dh = win.dh(), dw = win.dw();
    for (int oy = 0; oy < ho; oy++) {
      for (int ox = 0; ox < wo; ox++) {
        float best = Float.NEGATIVE_INFINITY;
        int at = -1;
        for (int i = 0; i < kh; i++) {
          int y = oy * sh - ph + i * dh;
          if (y < 0 || y >= h) continue;
          for (int j = 0; j < kw; j++) {
            int x = ox * sw - pw + j * dw;
            if (x < 0 || x >= w) continue;
            float v = in[ib + y * w + x];
            if (wins(v, best) || at < 0) {
              best = v;
              at = y * w + x;
            }
          }
        }
        out[ob + oy * wo + ox] = best;
        arg[ob + oy * wo + ox] = at;
      }
    }
  }
}
