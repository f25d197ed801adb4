package dev.dendrite.kernels;

/**
 * Unfolds image patches into columns for convolution as a matrix product, and folds them back.
 *
 * <p>For one image (C, H, W) and a kH×kW window with stride, zero padding and dilation, column
 * {@code l = oh·Wout + ow} of {@code cols} (C·kH·kW rows, {@code ld} floats apart) holds the window
 * at output position (oh, ow); row {@code (c·kH + i)·kW + j} holds input channel c at window offset
 * (i, j). Hout = ⌊(H + 2·pH − dH·(kH − 1) − 1)/sH⌋ + 1, likewise Wout. With ld = N·L the images of
 * a batch sit side by side, so a whole convolution is one matrix product.
 */
public final class Im2col {
  private Im2col() {}

  public static int outSize(int in, int k, int stride, int pad, int dil) {
    return (in + 2 * pad - dil * (k - 1) - 1) / stride + 1;
  }

  /** cols ← patches of img (at imgOff); cols must hold C·kH·kW·Hout·Wout floats from colsOff. */
  public static void im2col(float[] cols, int colsOff, int ld, float[] img, int imgOff, int c, int h, int w,
      int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
    im2col(cols, colsOff, ld, img, imgOff, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, outSize(h, kh, sh, ph, dh), outSize(w, kw, sw, pw, dw));
  }

  /**
   * {@link #im2col} over an explicit Hout×Wout grid of window positions: windows that run past the
   * bottom or right edge read zeros, which is how asymmetric ("same") padding and transposed
   * convolutions with output padding get their extra row or column.
   */
  public static void im2col(float[] cols, int colsOff, int ld, float[] img, int imgOff, int c, int h, int w,
      int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int ho, int wo) {
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int row = colsOff + ((ch * kh + i) * kw + j) * ld;
          for (int oh = 0; oh < ho; oh++) {
            int y = oh * sh - ph + i * dh;
            int dst = row + oh * wo;
            if (y < 0 || y >= h) {
              java.util.Arrays.fill(cols, dst, dst + wo, 0f);
              continue;
            }
            int src = imgOff + (ch * h + y) * w;
            int x0 = -pw + j * dw;
            if (sw == 1 && x0 >= 0 && x0 + wo <= w) {
              System.arraycopy(img, src + x0, cols, dst, wo); // the common interior case: one copy
            } else {
              for (int ow = 0; ow < wo; ow++) {
                int x = ow * sw + x0;
                cols[dst + ow] = x >= 0 && x < w ? img[src + x] : 0f;
              }
            }
          }
        }
      }
    }
  }

  /** img += the columns folded back (the adjoint of {@link #im2col}): overlapping windows add up. */
  public static void col2im(float[] img, int imgOff, float[] cols, int colsOff, int ld, int c, int h, int w,
      int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
    col2im(img, imgOff, cols, colsOff, ld, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, outSize(h, kh, sh, ph, dh), outSize(w, kw, sw, pw, dw));
  }

  /** {@link #col2im} over an explicit Hout×Wout grid of window positions (the adjoint of that {@link #im2col}). */
  public static void col2im(float[] img, int imgOff, float[] cols, int colsOff, int ld, int c, int h, int w,
      int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int ho, int wo) {
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int row = colsOff + ((ch * kh + i) * kw + j) * ld;
          for (int oh = 0; oh < ho; oh++) {
            int y = oh * sh - ph + i * dh;
            if (y < 0 || y >= h) continue;
            int src = row + oh * wo, dst = imgOff + (ch * h + y) * w;
            int x0 = -pw + j * dw;
            if (sw == 1 && x0 >= 0 && x0 + wo <= w) {
              Elementwise.axpy(img, dst + x0, 1f, cols, src, wo);
            } else {
              for (int ow = 0; ow < wo; ow++) {
                int x = ow * sw + x0;
                if (x >= 0 && x < w) img[dst + x] += cols[src + ow];
              }
            }
          }
        }
      }
    }
  }
}
