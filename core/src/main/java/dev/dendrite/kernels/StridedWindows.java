package dev.dendrite.kernels;

/**
 * {@link Im2col}'s unfolding for strided windows, through a zero-padded copy of one channel plane
 * and a table of window positions.
 *
 * <p>With stride 2 the rows of the columns are short strided runs (7 to 14 floats in a DCGAN), and
 * copying them one run at a time, with the padding's zeros on each side, costs loop overhead on
 * every run. Here each channel is first copied into a plane with its padding as real zeros; then
 * row (i, j) of the columns is {@code cols[l] = plane[offset(i, j) + at[l]]} over all Hout·Wout
 * positions at once: one load, one indexed load and one store a float, no branch. The fold, its
 * adjoint, goes the other way round: each pixel gathers its taps ({@link #fold2}); adding through
 * the table into a zeroed plane was slower.
 */
final class StridedWindows {
  private StridedWindows() {}

  /** The padded plane's geometry: what every window of the Hout×Wout grid reads. */
  private record Plane(int rows, int cols, int[] at) {
    static Plane of(int kh, int kw, int sh, int sw, int dh, int dw, int ho, int wo) {
      int rows = (ho - 1) * sh + (kh - 1) * dh + 1, cols = (wo - 1) * sw + (kw - 1) * dw + 1;
      int[] at = new int[ho * wo];
      for (int oh = 0, l = 0; oh < ho; oh++)
        for (int ow = 0; ow < wo; ow++) at[l++] = oh * sh * cols + ow * sw;
      return new Plane(rows, cols, at);
    }
  }

  static void im2col(
      float[] cols,
      int colsOff,
      int ld,
      float[] img,
      int imgOff,
      int c,
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
    Plane p = Plane.of(kh, kw, sh, sw, dh, dw, ho, wo);
    int[] at = p.at;
    int n = ho * wo, hIn = Math.min(h, p.rows - ph), wIn = Math.min(w, p.cols - pw);
    float[] pad = new float[p.rows * p.cols]; // its border stays zero; the inside is rewritten
    if (wIn <= 0) hIn = 0;
    for (int ch = 0; ch < c; ch++) {
      int plane = imgOff + ch * h * w;
      for (int y = 0; y < hIn; y++)
        System.arraycopy(img, plane + y * w, pad, (y + ph) * p.cols + pw, wIn);
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int row = colsOff + ((ch * kh + i) * kw + j) * ld, o = i * dh * p.cols + j * dw;
          for (int l = 0; l < n; l++) cols[row + l] = pad[o + at[l]];
        }
      }
    }
  }

  /**
   * The fold of two rows of stride-2 columns whose window offsets are two apart (j and j + 2, no
   * dilation): position x = 2u + x0 of an image row takes row j's u-th float and row j + 2's (u −
   * 1)-th, so both are added in one pass, in that order (the order of Im2col's loop over j, so the
   * sums have the same bits), with half the reads and writes of the image.
   */
  static void foldPair(
      float[] img,
      int plane,
      float[] cols,
      int rowA,
      int rowB,
      int w,
      int sh,
      int yOff,
      int x0,
      int oh0,
      int oh1,
      int wo) {
    // Row j covers u in [a0, a1); row j + 2 covers u in [b0, b1), reading its float u − 1.
    int a0 = first(-x0, wo), a1 = Math.max(a0, first(w - x0, wo));
    int b0 = first(-x0 - 2, wo) + 1, b1 = Math.max(b0, first(w - x0 - 2, wo) + 1);
    int lo = Math.max(a0, b0), hi = Math.max(lo, Math.min(a1, b1));
    for (int oh = oh0; oh < oh1; oh++) {
      int dst = plane + (oh * sh + yOff) * w + x0, sa = rowA + oh * wo, sb = rowB + oh * wo - 1;
      for (int u = a0; u < Math.min(a1, lo); u++) img[dst + 2 * u] += cols[sa + u];
      for (int u = b0; u < Math.min(b1, lo); u++) img[dst + 2 * u] += cols[sb + u];
      for (int u = lo; u < hi; u++)
        img[dst + 2 * u] = img[dst + 2 * u] + cols[sa + u] + cols[sb + u];
      for (int u = Math.max(hi, a0); u < a1; u++) img[dst + 2 * u] += cols[sa + u];
      for (int u = Math.max(hi, b0); u < b1; u++) img[dst + 2 * u] += cols[sb + u];
    }
  }

  /**
   * The whole fold of stride-2 columns in both directions (no dilation), one pass over the image:
   * each pixel reads its own value, adds its taps in Im2col's order (kernel row, then column,
   * ascending, so the sums have the same bits) and is written once, instead of once per kernel row
   * with stride-2 writes. A pixel's taps depend only on the parity of its position: the columns it
   * reads are tabled once per call for x and once per image row for y.
   */
  static void fold2(
      float[] img,
      int imgOff,
      float[] cols,
      int colsOff,
      int ld,
      int c,
      int h,
      int w,
      int kh,
      int kw,
      int ph,
      int pw,
      int ho,
      int wo) {
    int mj = (kw + 1) / 2, mi = (kh + 1) / 2;
    int[] nj = new int[w], jo = new int[w * mj], io = new int[mi];
    for (int x = 0; x < w; x++) {
      int t = 0;
      for (int j = (x + pw) & 1; j < kw && x + pw - j >= 0; j += 2) {
        int ow = (x + pw - j) >> 1;
        if (ow < wo) jo[x * mj + t++] = j * ld + ow;
      }
      nj[x] = t;
    }
    for (int ch = 0; ch < c; ch++) {
      int plane = imgOff + ch * h * w, rows = colsOff + ch * kh * kw * ld;
      for (int y = 0; y < h; y++) {
        int ni = 0;
        for (int i = (y + ph) & 1; i < kh && y + ph - i >= 0; i += 2) {
          int oh = (y + ph - i) >> 1;
          if (oh < ho) io[ni++] = rows + i * kw * ld + oh * wo;
        }
        if (ni == 0) continue;
        int d = plane + y * w;
        if (ni == 2 && mj == 2) {
          int r0 = io[0], r1 = io[1];
          for (int x = 0; x < w; x++) {
            int o = 2 * x;
            float v = img[d + x];
            if (nj[x] == 2) {
              int o0 = jo[o], o1 = jo[o + 1];
              v = v + cols[r0 + o0] + cols[r0 + o1];
              v = v + cols[r1 + o0] + cols[r1 + o1];
            } else if (nj[x] == 1) {
              v = v + cols[r0 + jo[o]];
              v = v + cols[r1 + jo[o]];
            }
            img[d + x] = v;
          }
          continue;
        }
        for (int x = 0; x < w; x++) {
          float v = img[d + x];
          for (int a = 0; a < ni; a++)
            for (int b = 0; b < nj[x]; b++) v += cols[io[a] + jo[x * mj + b]];
          img[d + x] = v;
        }
      }
    }
  }

  /** The first u of [0, limit] with 2u ≥ bound. */
  private static int first(int bound, int limit) {
    return Math.min(limit, Math.max(0, Math.ceilDiv(bound, 2)));
  }
}
