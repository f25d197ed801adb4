package dev.dendrite.kernels;

/**
 * Adaptive average pooling of planes (H, W) to (oH, oW), PyTorch's windows: output row i averages
 * input rows [⌊i·H/oH⌋, ⌈(i+1)·H/oH⌉), likewise columns. Windows overlap when oH does not divide H.
 * Each window row is a contiguous run, summed (or, backward, incremented) by a vector loop.
 */
public final class AdaptivePool {
  private static final int GRAIN = 1 << 15;

  private AdaptivePool() {}

  /** First input index of output window {@code i}: ⌊i·in/out⌋. */
  public static int start(int i, int in, int out) {
    return (int) ((long) i * in / out);
  }

  /** One past the last input index of output window {@code i}: ⌈(i+1)·in/out⌉. */
  public static int end(int i, int in, int out) {
    return (int) (((long) (i + 1) * in + out - 1) / out);
  }

  /**
   * out[(p·oH + i)·oW + j] ← mean of window (i, j) of plane p of {@code in}; {@code planes} planes.
   */
  public static void avg(
      float[] out, int oo, float[] in, int io, int planes, int h, int w, int oh, int ow) {
    Parallel.forRange(
        planes,
        Math.max(1, GRAIN / Math.max(1, h * w)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ib = io + p * h * w, ob = oo + p * oh * ow;
            for (int i = 0; i < oh; i++) {
              int y0 = start(i, h, oh), y1 = end(i, h, oh);
              for (int j = 0; j < ow; j++) {
                int x0 = start(j, w, ow), x1 = end(j, w, ow);
                float s;
                if (x0 == 0 && x1 == w) {
                  s =
                      Reduce.sumContiguous(
                          in,
                          ib + y0 * w,
                          (y1 - y0) * w); // full-width rows are one run (global pooling)
                } else {
                  s = 0;
                  for (int y = y0; y < y1; y++)
                    s += Reduce.sumContiguous(in, ib + y * w + x0, x1 - x0);
                }
                out[ob + i * ow + j] = s / ((y1 - y0) * (x1 - x0));
              }
            }
          }
        });
  }

  /** gin += each output gradient spread evenly over its window (the adjoint of {@link #avg}). */
  public static void avgBackward(
      float[] gin, int gi, float[] gout, int go, int planes, int h, int w, int oh, int ow) {
    Parallel.forRange(
        planes,
        Math.max(1, GRAIN / Math.max(1, h * w)),
        (from, to) -> {
          for (int p = from; p < to; p++) {
            int ib = gi + p * h * w, ob = go + p * oh * ow;
            for (int i = 0; i < oh; i++) {
              int y0 = start(i, h, oh), y1 = end(i, h, oh);
              for (int j = 0; j < ow; j++) {
                int x0 = start(j, w, ow), x1 = end(j, w, ow);
                float share = gout[ob + i * ow + j] / ((y1 - y0) * (x1 - x0));
                if (x0 == 0 && x1 == w) {
                  int at = ib + y0 * w;
                  Elementwise.affine(gin, at, gin, at, (y1 - y0) * w, 1f, share);
                } else {
                  for (int y = y0; y < y1; y++) {
                    int at = ib + y * w + x0;
                    Elementwise.affine(gin, at, gin, at, x1 - x0, 1f, share);
                  }
                }
              }
            }
          }
        });
  }
}
