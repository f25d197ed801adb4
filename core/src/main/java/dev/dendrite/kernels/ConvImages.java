package dev.dendrite.kernels;

import java.util.Arrays;

/**
 * Convolution of a batch image by image: im2col of one image into a per-thread buffer that stays in
 * cache, then one GEMM per group that writes the image's (C_out, L) block of the output, which is
 * already the NCHW layout. Batched im2col instead builds a (K, N·L) matrix much larger than the
 * caches, and its (C_out, N·L) product still has to be permuted into NCHW.
 *
 * <p>Shapes: x (N, C, H, W); weight (C_out, K) with K = C/groups·kH·kW, row order of {@link
 * Im2col}; bias (C_out); y and its gradient (N, C_out, L), L = Hout·Wout. Group g reads input
 * channels {@code g·C/groups …} and writes output channels {@code g·C_out/groups …}.
 *
 * <p>The weight and bias gradients sum over the images: the batch is cut into a fixed number of
 * chunks that do not depend on the threads, each summed in order, and the chunks added in order, so
 * the bits do not depend on which thread ran what.
 */
public final class ConvImages {
  /** Chunks of images whose weight gradients are summed apart (and then in order). */
  static final int CHUNKS = 8;

  /**
   * Window depth K from which the weight gradient is computed transposed (see {@link #backward}).
   */
  static final int TRANSPOSED_K = 32;

  /**
   * Columns of a product over images side by side: images of fewer positions share one product
   * (forward and input gradient), so that the weight is packed once for them and the register tiles
   * run whole.
   */
  static final int SIDE_COLUMNS = 256;

  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[8][0]);

  private ConvImages() {}

  /**
   * The window grid over one image: C input channels of H×W, a kH×kW window with stride, dilation
   * and zero padding before each axis (top, left), and the Hout×Wout positions it takes.
   */
  public record Geometry(
      int c,
      int h,
      int w,
      int kh,
      int kw,
      int sh,
      int sw,
      int top,
      int left,
      int dh,
      int dw,
      int ho,
      int wo) {
    int l() {
      return ho * wo;
    }

    void im2col(float[] cols, float[] img, int imgOff, int channels) {
      im2col(cols, 0, l(), img, imgOff, channels);
    }

    /** The same into columns at {@code cols[colsOff + row·ld + position]}. */
    void im2col(float[] cols, int colsOff, int ld, float[] img, int imgOff, int channels) {
      Im2col.im2col(
          cols, colsOff, ld, img, imgOff, channels, h, w, kh, kw, sh, sw, top, left, dh, dw, ho,
          wo);
    }

    void col2im(float[] img, int imgOff, float[] cols, int channels) {
      col2im(img, imgOff, cols, 0, l(), channels);
    }

    /** The same from columns at {@code cols[colsOff + row·ld + position]}. */
    void col2im(float[] img, int imgOff, float[] cols, int colsOff, int ld, int channels) {
      Im2col.col2imScratch(
          img, imgOff, cols, colsOff, ld, channels, h, w, kh, kw, sh, sw, top, left, dh, dw, ho,
          wo);
    }
  }

  /** y (N, C_out, L) ← weight · im2col(x) + bias, per image and group; bias may be null. */
  public static void forward(
      float[] y,
      int yOff,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      float[] bias,
      int bOff,
      int n,
      int out,
      int groups,
      Geometry g) {
    forward(y, yOff, x, xOff, weight, wOff, bias, bOff, n, out, groups, g, false);
  }

  /**
   * The same, followed by ReLU when {@code relu}: applied to each image's block right after its
   * product, while it is still in cache, instead of a second pass over the whole output.
   */
  public static void forward(
      float[] y,
      int yOff,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      float[] bias,
      int bOff,
      int n,
      int out,
      int groups,
      Geometry g,
      boolean relu) {
    int side = Math.max(1, SIDE_COLUMNS / g.l());
    PackedA[] w = weights(false, weight, wOff, out, groups, g);
    if (side > 1) {
      Parallel.forEach(
          Math.ceilDiv(n, side),
          t -> {
            int b0 = t * side, b1 = Math.min(n, b0 + side), yo = yOff + b0 * out * g.l();
            images(y, yOff, x, xOff, w, bias, bOff, b0, b1, out, groups, g);
            if (relu)
              Elementwise.unary(Elementwise.Unary.RELU, y, yo, y, yo, (b1 - b0) * out * g.l());
          });
      return;
    }
    Parallel.forEach(
        n,
        b -> {
          int yo = yOff + b * out * g.l();
          image(y, yo, x, xOff, w, bias, bOff, b, out, groups, g);
          if (relu) Elementwise.unary(Elementwise.Unary.RELU, y, yo, y, yo, out * g.l());
        });
  }

  /**
   * Images b0..b1 of a small map side by side, as {@link #image} computes them one by one: their
   * columns in one (K, (b1 − b0)·L) matrix, one product per group into a buffer that holds each
   * image's bias (the same sums in the same order), then each image's block copied out.
   */
  private static void images(
      float[] y,
      int yOff,
      float[] x,
      int xOff,
      PackedA[] w,
      float[] bias,
      int bOff,
      int b0,
      int b1,
      int out,
      int groups,
      Geometry g) {
    int cg = g.c() / groups,
        og = out / groups,
        k = cg * g.kh() * g.kw(),
        l = g.l(),
        plane = g.h() * g.w(),
        span = (b1 - b0) * l;
    float[] cols = scratch(0, k * span), ys = scratch(6, og * span);
    for (int grp = 0; grp < groups; grp++) {
      for (int b = b0; b < b1; b++) {
        g.im2col(cols, (b - b0) * l, span, x, xOff + (b * g.c() + grp * cg) * plane, cg);
      }
      if (bias != null) {
        for (int o = 0; o < og; o++)
          Arrays.fill(ys, o * span, (o + 1) * span, bias[bOff + grp * og + o]);
      }
      Gemm.sgemm(w[grp], false, span, cols, 0, span, bias != null ? 1f : 0f, ys, 0, span);
      for (int b = b0; b < b1; b++) {
        int yg = yOff + (b * out + grp * og) * l;
        for (int o = 0; o < og; o++)
          System.arraycopy(ys, o * span + (b - b0) * l, y, yg + o * l, l);
      }
    }
  }

  /**
   * Convolution, ReLU and max pooling as one pass per image: the image's (C_out, L) output stays in
   * a per-thread buffer, and only its pooled planes (N, C_out, Hp, Wp) and the maxima's positions
   * (index within the Hout×Wout plane, as {@link MaxPool}) are written out.
   */
  public static void forwardReluMaxPool(
      float[] pooled,
      int[] arg,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      float[] bias,
      int bOff,
      int n,
      int out,
      int groups,
      Geometry g,
      int k,
      int stride,
      int pad,
      int hp,
      int wp) {
    int l = g.l(), lp = hp * wp;
    PackedA[] w = weights(false, weight, wOff, out, groups, g);
    Parallel.forEach(
        n,
        b -> {
          float[] y = scratch(5, out * l);
          image(y, 0, x, xOff, w, bias, bOff, b, out, groups, g);
          Elementwise.unary(Elementwise.Unary.RELU, y, 0, y, 0, out * l);
          MaxPool.forward(
              pooled, b * out * lp, arg, y, 0, out, g.ho(), g.wo(), k, stride, pad, hp, wp);
        });
  }

  /**
   * Image b's output (C_out, L) into y from yo: per group, im2col into this thread's buffer, then
   * weight · cols + bias.
   */
  private static void image(
      float[] y,
      int yo,
      float[] x,
      int xOff,
      PackedA[] w,
      float[] bias,
      int bOff,
      int b,
      int out,
      int groups,
      Geometry g) {
    int cg = g.c() / groups,
        og = out / groups,
        k = cg * g.kh() * g.kw(),
        l = g.l(),
        plane = g.h() * g.w();
    float[] cols = scratch(0, k * l);
    for (int grp = 0; grp < groups; grp++) {
      g.im2col(cols, x, xOff + (b * g.c() + grp * cg) * plane, cg);
      int yg = yo + grp * og * l;
      if (bias != null) {
        for (int o = 0; o < og; o++)
          Arrays.fill(y, yg + o * l, yg + (o + 1) * l, bias[bOff + grp * og + o]);
      }
      Gemm.sgemm(w[grp], false, l, cols, 0, l, bias != null ? 1f : 0f, y, yg, l);
    }
  }

  /**
   * The output gradient of {@link #forwardReluMaxPool} from the pooled gradient gp: each pooled
   * gradient goes to its maximum's position when the pooled value (the ReLU's output there) is
   * positive; every other position gets 0.
   */
  public static OutputGradient reluMaxPoolGradient(
      float[] gp, int gpOff, float[] pooled, int[] arg, int out, Geometry g, int lp) {
    int l = g.l();
    return (dst, b0, b1) -> {
      Arrays.fill(dst, 0, (b1 - b0) * out * l, 0f);
      for (int p = b0 * out; p < b1 * out; p++) {
        int db = (p - b0 * out) * l, ob = p * lp;
        for (int o = 0; o < lp; o++) {
          if (pooled[ob + o] > 0) dst[db + arg[ob + o]] += gp[gpOff + ob + o];
        }
      }
    };
  }

  /**
   * The gradients of {@link #forward} from gy (N, C_out, L): dx (N, C, H, W) += weightᵀ·gy folded
   * back by col2im (dx must hold zeros or a sum to add to); dWeight (C_out, K) and dBias (C_out)
   * are overwritten. Any of the three may be null when not wanted.
   */
  public static void backward(
      float[] dx,
      float[] dWeight,
      float[] dBias,
      float[] gy,
      int gyOff,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      int n,
      int out,
      int groups,
      Geometry g) {
    run(dx, dWeight, dBias, gy, gyOff, null, x, xOff, weight, wOff, n, out, groups, g);
  }

  /**
   * The gradient of a convolution's output for a run of images, written by a fused op that follows
   * the convolution: images {@code b0 … b1} into {@code dst} from index 0, in the (N, C_out, L)
   * layout.
   */
  @FunctionalInterface
  public interface OutputGradient {
    void fill(float[] dst, int b0, int b1);
  }

  /**
   * The gradients of the convolution followed by ReLU, from the gradient gy of the ReLU's output y
   * (N, C_out, L) at {@code reluOut}: each chunk of images first takes gy where y > 0 and 0
   * elsewhere into a buffer of its own, then runs as {@link #backward}.
   */
  public static void backwardRelu(
      float[] dx,
      float[] dWeight,
      float[] dBias,
      float[] gy,
      int gyOff,
      float[] reluOut,
      int yOff,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      int n,
      int out,
      int groups,
      Geometry g) {
    int img = out * g.l();
    OutputGradient masked =
        (dst, b0, b1) ->
            Elementwise.reluBackward(
                dst, 0, gy, gyOff + b0 * img, reluOut, yOff + b0 * img, (b1 - b0) * img);
    run(dx, dWeight, dBias, null, 0, masked, x, xOff, weight, wOff, n, out, groups, g);
  }

  /**
   * The gradients of a convolution whose output gradient a later fused op writes, chunk by chunk,
   * into a buffer of the chunk's own ({@link OutputGradient}); otherwise as {@link #backward}.
   */
  public static void backward(
      float[] dx,
      float[] dWeight,
      float[] dBias,
      OutputGradient source,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      int n,
      int out,
      int groups,
      Geometry g) {
    run(dx, dWeight, dBias, null, 0, source, x, xOff, weight, wOff, n, out, groups, g);
  }

  private static void run(
      float[] dx,
      float[] dWeight,
      float[] dBias,
      float[] gyIn,
      int gyInOff,
      OutputGradient source,
      float[] x,
      int xOff,
      float[] weight,
      int wOff,
      int n,
      int out,
      int groups,
      Geometry g) {
    int cg = g.c() / groups,
        og = out / groups,
        k = cg * g.kh() * g.kw(),
        l = g.l(),
        plane = g.h() * g.w();
    int per = Math.ceilDiv(n, Math.min(n, CHUNKS)), chunks = Math.ceilDiv(n, per);
    float[][] dw = new float[chunks][], db = new float[chunks][];
    PackedA[] wt = dx != null ? weights(true, weight, wOff, out, groups, g) : null;
    Parallel.forEach(
        chunks,
        t -> {
          int b0 = t * per, b1 = Math.min(n, b0 + per), span = (b1 - b0) * l;
          float[] gy = gyIn;
          int gyOff = gyInOff;
          if (source
              != null) { // this chunk's output gradient, addressed as gy would be from image b0 on
            gy = scratch(4, (b1 - b0) * out * l);
            gyOff = -b0 * out * l;
            source.fill(gy, b0, b1);
          }
          float[] pw = dWeight == null ? null : t == 0 ? dWeight : new float[out * k];
          float[] pb = dBias == null ? null : t == 0 ? dBias : new float[out];
          if (pb != null) Arrays.fill(pb, 0f);
          for (int grp = 0; grp < groups && pw != null; grp++) {
            float[] cols = scratch(0, k * span);
            for (int b = b0; b < b1; b++) {
              g.im2col(cols, (b - b0) * l, span, x, xOff + (b * g.c() + grp * cg) * plane, cg);
            }
            // One product over the chunk's images side by side: a dot-product GEMM pays a lane sum
            // per
            // output element, which one image's L (196) positions do not amortise.
            if (k < TRANSPOSED_K) {
              float[] gys = scratch(1, og * span);
              for (int b = b0; b < b1; b++) {
                for (int o = 0; o < og; o++)
                  System.arraycopy(
                      gy, gyOff + (b * out + grp * og + o) * l, gys, o * span + (b - b0) * l, l);
              }
              Gemm.sgemm(
                  false,
                  true,
                  og,
                  k,
                  span,
                  1f,
                  gys,
                  0,
                  span,
                  cols,
                  0,
                  span,
                  0f,
                  pw,
                  grp * og * k,
                  k);
              continue;
            }
            // Deep windows: dWᵀ (K, og) = cols · gyᵀ with gy transposed here, so the product runs
            // on the
            // register-tiled kernel instead of dot products (measured faster for K = 288, og = 64).
            float[] gyt = scratch(1, og * span), dwt = scratch(3, k * og);
            for (int b = b0; b < b1; b++) {
              for (int o = 0; o < og; o++) {
                int src = gyOff + (b * out + grp * og + o) * l, dst = (b - b0) * l * og + o;
                for (int p = 0; p < l; p++) gyt[dst + p * og] = gy[src + p];
              }
            }
            Gemm.sgemm(false, false, k, og, span, 1f, cols, 0, span, gyt, 0, og, 0f, dwt, 0, og);
            for (int o = 0; o < og; o++) {
              int dst = (grp * og + o) * k;
              for (int kk = 0; kk < k; kk++) pw[dst + kk] = dwt[kk * og + o];
            }
          }
          // The input gradient, Wᵀ·gy folded back by col2im, for a few images per product: one
          // image's product (K × L against C_out, L = 49 for a 7×7 map) packed all of Wᵀ for 49
          // columns; side by side, the images share one packing and fill whole register tiles.
          int side = Math.max(1, SIDE_COLUMNS / l);
          for (int grp = 0; grp < groups && dx != null; grp++) {
            for (int s0 = b0; s0 < b1; s0 += side) {
              int s1 = Math.min(b1, s0 + side), cols = (s1 - s0) * l;
              float[] dcols = scratch(2, k * cols);
              // One image's gradient is read where it is; several are copied side by side.
              float[] gys = gy;
              int gysOff = gyOff + (s0 * out + grp * og) * l;
              if (s1 - s0 > 1) {
                gys = scratch(6, og * cols);
                gysOff = 0;
                for (int b = s0; b < s1; b++) {
                  for (int o = 0; o < og; o++)
                    System.arraycopy(
                        gy, gyOff + (b * out + grp * og + o) * l, gys, o * cols + (b - s0) * l, l);
                }
              }
              Gemm.sgemm(wt[grp], false, cols, gys, gysOff, cols, 0f, dcols, 0, cols);
              for (int b = s0; b < s1; b++)
                g.col2im(dx, (b * g.c() + grp * cg) * plane, dcols, (b - s0) * l, cols, cg);
            }
          }
          for (int b = b0; b < b1; b++) {
            if (pb != null) {
              for (int o = 0; o < out; o++)
                pb[o] += Reduce.sumContiguous(gy, gyOff + (b * out + o) * l, l);
            }
          }
          dw[t] = pw;
          db[t] = pb;
        });
    for (int t = 1; t < chunks; t++) {
      if (dWeight != null) Elementwise.axpy(dWeight, 0, 1f, dw[t], 0, out * k);
      if (dBias != null) Elementwise.axpy(dBias, 0, 1f, db[t], 0, out);
    }
  }

  /**
   * Each group's weight (C_out/groups × K), or its transpose, as the left operand of all the
   * images' products: packed once into this thread's last buffer (the images' tasks use the others)
   * when there is one group and the window is deep enough for the packed tile, read in place
   * otherwise.
   */
  private static PackedA[] weights(
      boolean transpose, float[] weight, int wOff, int out, int groups, Geometry g) {
    int og = out / groups, k = g.c() / groups * g.kh() * g.kw();
    int rows = transpose ? k : og, depth = transpose ? og : k;
    PackedA[] w = new PackedA[groups];
    for (int grp = 0; grp < groups; grp++) {
      int o = wOff + grp * og * k;
      w[grp] =
          groups == 1 && k > 16
              ? PackedA.of(
                  transpose, rows, depth, 1f, weight, o, k, scratch(7, PackedA.size(rows, depth)))
              : PackedA.inPlace(transpose, rows, depth, 1f, weight, o, k);
    }
    return w;
  }

  /** This thread's buffer {@code which}, grown to at least {@code size} floats. */
  private static float[] scratch(int which, int size) {
    float[][] s = SCRATCH.get();
    if (s[which].length < size) s[which] = new float[size];
    return s[which];
  }
}
