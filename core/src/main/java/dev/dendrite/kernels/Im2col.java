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
  public static void im2col(
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
      int dw) {
    im2col(
        cols,
        colsOff,
        ld,
        img,
        imgOff,
        c,
        h,
        w,
        kh,
        kw,
        sh,
        sw,
        ph,
        pw,
        dh,
        dw,
        outSize(h, kh, sh, ph, dh),
        outSize(w, kw, sw, pw, dw));
  }

  /**
   * {@link #im2col} over an explicit Hout×Wout grid of window positions: windows that run past the
   * bottom or right edge read zeros, which is how asymmetric ("same") padding and transposed
   * convolutions with output padding get their extra row or column.
   */
  public static void im2col(
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
    if (sh != 1 || sw != 1) {
      StridedWindows.im2col(
          cols, colsOff, ld, img, imgOff, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ho, wo);
      return;
    }
    // Stride 1 with Wout = W ("same" padding): a row of cols is the channel plane shifted by the
    // window offset, so it is one copy of whole image rows plus zeros where columns wrapped around.
    boolean block = sh == 1 && sw == 1 && wo == w;
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        int yOff = i * dh - ph; // y = oh·sH + yOff
        int oh0 = first(-yOff, sh, ho), oh1 = Math.max(oh0, first(h - yOff, sh, ho));
        for (int j = 0; j < kw; j++) {
          int row = colsOff + ((ch * kh + i) * kw + j) * ld;
          int x0 = j * dw - pw; // x = ow·sW + x0
          int ow0 = first(-x0, sw, wo), ow1 = Math.max(ow0, first(w - x0, sw, wo));
          java.util.Arrays.fill(cols, row, row + oh0 * wo, 0f);
          java.util.Arrays.fill(cols, row + oh1 * wo, row + ho * wo, 0f);
          if (oh1 == oh0) continue;
          int plane = imgOff + ch * h * w;
          if (block) {
            int lo = plane + (oh0 + yOff) * w, hi = plane + (oh1 + yOff) * w, src = lo + x0;
            int s0 = Math.max(src, lo), s1 = Math.min(src + (hi - lo), hi);
            int dst = row + oh0 * wo;
            if (s1 > s0) System.arraycopy(img, s0, cols, dst + (s0 - src), s1 - s0);
            for (int oh = oh0; oh < oh1; oh++) {
              int d = row + oh * wo;
              for (int ow = 0; ow < ow0; ow++) cols[d + ow] = 0f;
              for (int ow = ow1; ow < wo; ow++) cols[d + ow] = 0f;
            }
            continue;
          }
          for (int oh = oh0; oh < oh1; oh++) {
            int d = row + oh * wo, src = plane + (oh * sh + yOff) * w + x0;
            for (int ow = 0; ow < ow0; ow++) cols[d + ow] = 0f;
            for (int ow = ow1; ow < wo; ow++) cols[d + ow] = 0f;
            if (sw == 1) {
              System.arraycopy(img, src + ow0, cols, d + ow0, ow1 - ow0);
            } else {
              for (int ow = ow0; ow < ow1; ow++) cols[d + ow] = img[src + ow * sw];
            }
          }
        }
      }
    }
  }

  /**
   * The first of {@code [0, limit]} with {@code index·stride ≥ bound}: where a coordinate enters
   * the image.
   */
  private static int first(int bound, int stride, int limit) {
    return Math.min(limit, Math.max(0, Math.ceilDiv(bound, stride)));
  }

  /**
   * img += the columns folded back (the adjoint of {@link #im2col}): overlapping windows add up.
   */
  public static void col2im(
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
      int sh,
      int sw,
      int ph,
      int pw,
      int dh,
      int dw) {
    col2im(
        img,
        imgOff,
        cols,
        colsOff,
        ld,
        c,
        h,
        w,
        kh,
        kw,
        sh,
        sw,
        ph,
        pw,
        dh,
        dw,
        outSize(h, kh, sh, ph, dh),
        outSize(w, kw, sw, pw, dw));
  }

  /**
   * {@link #col2im} over an explicit Hout×Wout grid of window positions (the adjoint of that {@link
   * #im2col}).
   */
  public static void col2im(
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
      int sh,
      int sw,
      int ph,
      int pw,
      int dh,
      int dw,
      int ho,
      int wo) {
    col2im(img, imgOff, cols, colsOff, ld, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ho, wo, false);
  }

  /**
   * {@link #col2im} that may overwrite {@code cols}: entries that fall into the padding are zeroed,
   * so that with stride 1 and Wout = W each row of cols adds into its channel plane as one long
   * vector pass instead of one short pass per image row.
   */
  public static void col2imScratch(
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
      int sh,
      int sw,
      int ph,
      int pw,
      int dh,
      int dw,
      int ho,
      int wo) {
    col2im(
        img,
        imgOff,
        cols,
        colsOff,
        ld,
        c,
        h,
        w,
        kh,
        kw,
        sh,
        sw,
        ph,
        pw,
        dh,
        dw,
        ho,
        wo,
        sh == 1 && sw == 1 && wo == w);
  }

  private static void col2im(
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
      int sh,
      int sw,
      int ph,
      int pw,
      int dh,
      int dw,
      int ho,
      int wo,
      boolean block) {
    if (sh == 2 && sw == 2 && dh == 1 && dw == 1) {
      StridedWindows.fold2(img, imgOff, cols, colsOff, ld, c, h, w, kh, kw, ph, pw, ho, wo);
      return;
    }
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < kh; i++) {
        int yOff = i * dh - ph;
        int oh0 = first(-yOff, sh, ho), oh1 = Math.max(oh0, first(h - yOff, sh, ho));
        if (oh1 == oh0) continue;
        for (int j = 0; j < kw; j++) {
          if (sw == 2 && dw == 1 && j % 4 < 2 && j + 2 < kw) {
            int row = colsOff + ((ch * kh + i) * kw + j) * ld;
            StridedWindows.foldPair(
                img,
                imgOff + ch * h * w,
                cols,
                row,
                row + 2 * ld,
                w,
                sh,
                yOff,
                j - pw,
                oh0,
                oh1,
                wo);
            continue;
          }
          if (sw == 2 && dw == 1 && j % 4 >= 2 && j >= 2) continue; // folded with j − 2
          int row = colsOff + ((ch * kh + i) * kw + j) * ld;
          int x0 = j * dw - pw;
          int ow0 = first(-x0, sw, wo), ow1 = Math.max(ow0, first(w - x0, sw, wo));
          int plane = imgOff + ch * h * w;
          if (block) {
            for (int oh = oh0; oh < oh1; oh++) {
              int d = row + oh * wo;
              for (int ow = 0; ow < ow0; ow++) cols[d + ow] = 0f;
              for (int ow = ow1; ow < wo; ow++) cols[d + ow] = 0f;
            }
            // The same shifted block as im2col's, clipped to the rows it covers.
            int lo = plane + (oh0 + yOff) * w, hi = plane + (oh1 + yOff) * w, dst = lo + x0;
            int s0 = Math.max(dst, lo), s1 = Math.min(dst + (hi - lo), hi);
            int src = row + oh0 * wo;
            if (s1 > s0) Elementwise.axpy(img, s0, 1f, cols, src + (s0 - dst), s1 - s0);
            continue;
          }
          for (int oh = oh0; oh < oh1; oh++) {
            int src = row + oh * wo, dst = plane + (oh * sh + yOff) * w + x0;
            if (sw == 1) {
              Elementwise.axpy(img, dst + ow0, 1f, cols, src + ow0, ow1 - ow0);
            } else {
              for (int ow = ow0; ow < ow1; ow++) img[dst + ow * sw] += cols[src + ow];
            }
          }
        }
      }
    }
  }
}
