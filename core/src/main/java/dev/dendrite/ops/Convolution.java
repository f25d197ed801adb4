package dev.dendrite.ops;

import dev.dendrite.kernels.ConvImages;
import dev.dendrite.kernels.Im2col;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The im2col + GEMM machinery shared by the layers Conv1d, Conv2d and ConvTranspose2d: a
 * convolution is {@code W (C_out, C_in/groups·kH·kW) · unfold(x)} per group, a transposed
 * convolution is {@code fold(Wᵀ · x)}. A 1-D convolution is the 2-D one on a height-1 image.
 */
public final class Convolution {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  private Convolution() {}

  /**
   * The geometry of a kH×kW window: stride, dilation, and zero padding before (top, left) and after
   * (bottom, right) each axis; the two differ only for odd "same" padding, where PyTorch puts the
   * extra row or column after. Output size along H: ⌊(H + top + bottom − dH·(kH − 1) − 1)/sH⌋ + 1.
   */
  public record Window(
      int kh, int kw, int sh, int sw, int top, int left, int bottom, int right, int dh, int dw) {
    /** Symmetric padding, as Conv2d's {@code padding}. */
    public static Window symmetric(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
      return new Window(kh, kw, sh, sw, ph, pw, ph, pw, dh, dw);
    }

    /** PyTorch's {@code padding="same"} (stride 1): total dilation·(k − 1), the odd one after. */
    public static Window same(int kh, int kw, int dh, int dw) {
      int th = dh * (kh - 1), tw = dw * (kw - 1);
      return new Window(kh, kw, 1, 1, th / 2, tw / 2, th - th / 2, tw - tw / 2, dh, dw);
    }

    /** The number of window positions along H, or a value below 1 when the window does not fit. */
    public int outH(int h) {
      int span = h + top + bottom - dh * (kh - 1) - 1;
      return span < 0 ? 0 : span / sh + 1;
    }

    public int outW(int w) {
      int span = w + left + right - dw * (kw - 1) - 1;
      return span < 0 ? 0 : span / sw + 1;
    }
  }

  /** The channel check every convolution layer makes: both counts divisible by the groups. */
  public static void checkGroups(String layer, int in, int out, int groups) {
    if (in % groups != 0 || out % groups != 0) {
      throw new IllegalArgumentException(
          layer + ": channels " + in + " → " + out + " are not divisible by groups " + groups);
    }
  }

  /**
   * Cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in/groups, kH, kW) and an optional
   * bias (C_out): output (N, C_out, H_out, W_out), computed image by image ({@link ConvImages}).
   */
  public static Tensor conv(Tensor x, Tensor weight, Tensor bias, Window win, int groups) {
    return conv(x, weight, bias, win, groups, false);
  }

  /**
   * The same, followed by ReLU when {@code relu}, as one op: the ReLU runs on each image's output
   * while it is in cache, and its backward masks the gradient chunk by chunk inside the
   * convolution's backward; the values are those of the two ops in turn, bit for bit.
   */
  public static Tensor conv(
      Tensor x, Tensor weight, Tensor bias, Window win, int groups, boolean relu) {
    Operands op = Operands.of(x, weight, bias, win);
    ConvImages.Geometry geo = op.geo();
    int n = op.n(), out = op.out();
    float[] y = new float[n * out * geo.ho() * geo.wo()];
    ConvImages.forward(
        y, 0, op.xa(), op.xo(), op.wa(), op.wo(), op.ba(), op.bo(), n, out, groups, geo, relu);
    Tensor result = Tensor.wrap(y, n, out, geo.ho(), geo.wo());
    // with the ReLU, backward reads the output too, for the mask
    return op.record(
        relu ? "conv2d+relu" : "conv2d",
        result,
        relu,
        g -> op.graphBackward(relu ? g.mul(result.gt(0f)) : g, win, groups),
        (dx, dw, db, gc) -> {
          if (relu)
            ConvImages.backwardRelu(
                dx,
                dw,
                db,
                RAW.array(gc),
                RAW.offset(gc),
                y,
                0,
                op.xa(),
                op.xo(),
                op.wa(),
                op.wo(),
                n,
                out,
                groups,
                geo);
          else
            ConvImages.backward(
                dx,
                dw,
                db,
                RAW.array(gc),
                RAW.offset(gc),
                op.xa(),
                op.xo(),
                op.wa(),
                op.wo(),
                n,
                out,
                groups,
                geo);
        });
  }

  /**
   * Convolution, ReLU and max pooling ({@code k}×{@code k} windows, stride, −∞ padding) as one op:
   * the full-size feature maps are never stored; the backward rebuilds each chunk's output gradient
   * from the pooled gradient and the maxima's positions. The values are those of the three ops in
   * turn.
   */
  public static Tensor convReluMaxPool(
      Tensor x, Tensor weight, Tensor bias, Window win, int groups, int k, int stride, int pad) {
    Operands op = Operands.of(x, weight, bias, win);
    ConvImages.Geometry geo = op.geo();
    int n = op.n(), out = op.out();
    int hp = Im2col.outSize(geo.ho(), k, stride, pad, 1),
        wp = Im2col.outSize(geo.wo(), k, stride, pad, 1);
    float[] pooled = new float[n * out * hp * wp];
    int[] arg = new int[pooled.length];
    ConvImages.forwardReluMaxPool(
        pooled, arg, op.xa(), op.xo(), op.wa(), op.wo(), op.ba(), op.bo(), n, out, groups, geo, k,
        stride, pad, hp, wp);
    Tensor result = Tensor.wrap(pooled, n, out, hp, wp);
    // the pooled values, saved, give the ReLU's mask at the maxima
    return op.record(
        "conv2d+relu+maxpool2d",
        result,
        true,
        null,
        (dx, dw, db, gc) ->
            ConvImages.backward(
                dx,
                dw,
                db,
                ConvImages.reluMaxPoolGradient(
                    RAW.array(gc), RAW.offset(gc), pooled, arg, out, geo, hp * wp),
                op.xa(),
                op.xo(),
                op.wa(),
                op.wo(),
                n,
                out,
                groups,
                geo));
  }

  /** The gradients a convolution's backward fills: each null when its input needs none. */
  @FunctionalInterface
  private interface Backward {
    void run(float[] dx, float[] dWeight, float[] dBias, Tensor upstream);
  }

  /** A convolution's operands made contiguous, with their window geometry. */
  private record Operands(Tensor xc, Tensor wc, Tensor bc, ConvImages.Geometry geo) {
    static Operands of(Tensor x, Tensor weight, Tensor bias, Window win) {
      int h = x.size(2), w = x.size(3);
      ConvImages.Geometry geo =
          new ConvImages.Geometry(
              x.size(1),
              h,
              w,
              win.kh(),
              win.kw(),
              win.sh(),
              win.sw(),
              win.top(),
              win.left(),
              win.dh(),
              win.dw(),
              win.outH(h),
              win.outW(w));
      return new Operands(
          x.contiguous(), weight.contiguous(), bias == null ? null : bias.contiguous(), geo);
    }

    int n() {
      return xc.size(0);
    }

    int out() {
      return wc.size(0);
    }

    float[] xa() {
      return RAW.array(xc);
    }

    int xo() {
      return RAW.offset(xc);
    }

    float[] wa() {
      return RAW.array(wc);
    }

    int wo() {
      return RAW.offset(wc);
    }

    float[] ba() {
      return bc == null ? null : RAW.array(bc);
    }

    int bo() {
      return bc == null ? 0 : RAW.offset(bc);
    }

    /**
     * Records {@code result} as op {@code name} of x, weight (and bias); its backward allocates the
     * wanted gradients and runs {@code backward}.
     */
    Tensor record(
        String name,
        Tensor result,
        boolean saveResult,
        java.util.function.Function<Tensor, Tensor[]> graphVjp,
        Backward backward) {
      Tensor[] inputs = bc == null ? new Tensor[] {xc, wc} : new Tensor[] {xc, wc, bc};
      Tensor[] saved = inputs;
      if (saveResult) {
        saved = java.util.Arrays.copyOf(inputs, inputs.length + 1);
        saved[inputs.length] = result;
      }
      return Tensor.custom(
          name,
          result,
          inputs,
          saved,
          g -> {
            float[] dx = xc.requiresGrad() ? new float[xc.numel()] : null;
            float[] dw = wc.requiresGrad() ? new float[wc.numel()] : null;
            float[] db = bc != null && bc.requiresGrad() ? new float[bc.numel()] : null;
            backward.run(dx, dw, db, g.contiguous());
            Tensor[] grads = new Tensor[inputs.length];
            if (dx != null) grads[0] = Tensor.wrap(dx, xc.shape());
            if (dw != null) grads[1] = Tensor.wrap(dw, wc.shape());
            if (db != null) grads[2] = Tensor.wrap(db, bc.shape());
            return grads;
          },
          graphVjp);
    }

    /**
     * The convolution's backward in differentiable ops, for double backward: with {@code cols =
     * unfold(x)}, per group {@code dW = G·colsᵀ} and {@code dx = fold(Wᵀ·G)}, {@code db = ΣG}.
     */
    Tensor[] graphBackward(Tensor g, Window win, int groups) {
      int n = n(), out = out(), c = xc.size(1), h = xc.size(2), w = xc.size(3);
      int ho = geo.ho(), wo = geo.wo(), og = out / groups;
      int k = wc.numel() / out; // C_in/groups·kH·kW
      Tensor gm = g.permute(1, 0, 2, 3).reshape(out, n * ho * wo);
      Tensor wm = wc.reshape(out, k);
      Tensor cols = wc.requiresGrad() ? unfold(xc, win, ho, wo) : null;
      List<Tensor> dws = new ArrayList<>(), dcols = new ArrayList<>();
      for (int gi = 0; gi < groups; gi++) {
        Tensor gg = groups == 1 ? gm : gm.slice(0, gi * og, (gi + 1) * og);
        if (cols != null)
          dws.add(gg.matmul((groups == 1 ? cols : cols.slice(0, gi * k, (gi + 1) * k)).t()));
        if (xc.requiresGrad())
          dcols.add((groups == 1 ? wm : wm.slice(0, gi * og, (gi + 1) * og)).t().matmul(gg));
      }
      Tensor[] grads = new Tensor[bc == null ? 2 : 3];
      if (xc.requiresGrad()) grads[0] = fold(Tensor.cat(0, dcols), n, c, h, w, win, ho, wo);
      if (cols != null) grads[1] = Tensor.cat(0, dws).reshape(wc.shape());
      if (bc != null && bc.requiresGrad()) grads[2] = g.sum(new int[] {0, 2, 3}, false);
      return grads;
    }
  }

  /**
   * Transposed convolution of x (N, C_in, H, W) with weight (C_in, C_out/groups, kH, kW): each
   * input pixel scatters its weighted window into the output, which is the adjoint of {@link
   * #conv}. The output (N, C_out, H_out, W_out) is given by the caller, who has added output
   * padding; the window grid over it is the input's H×W.
   */
  public static Tensor convTranspose(
      Tensor x, Tensor weight, Tensor bias, Window win, int groups, int ho, int wo) {
    int n = x.size(0), in = x.size(1), h = x.size(2), w = x.size(3);
    // Output padding of at least the stride (allowed below the dilation) puts rows after the last
    // window the convolution over the output would take; that rare case keeps the batched path.
    if (win.outH(ho) != h || win.outW(wo) != w)
      return convTransposeBatched(x, weight, bias, win, groups, ho, wo);
    int out = weight.size(1) * groups, plane = ho * wo;
    // The convolution whose input-gradient this is: over the output (out, ho, wo), windows at the
    // input's h×w positions, with this weight read as (C_in, C_out/groups·kH·kW).
    ConvImages.Geometry geo =
        new ConvImages.Geometry(
            out,
            ho,
            wo,
            win.kh(),
            win.kw(),
            win.sh(),
            win.sw(),
            win.top(),
            win.left(),
            win.dh(),
            win.dw(),
            h,
            w);
    Tensor xc = x.contiguous(), wc = weight.contiguous();
    Tensor bc = bias == null ? null : bias.contiguous();
    float[] xa = RAW.array(xc), wa = RAW.array(wc);
    int xo = RAW.offset(xc), woff = RAW.offset(wc);
    float[] y = new float[n * out * plane];
    // Image by image (ConvImages): each image's columns stay in cache between the product and
    // col2im, where one (C_out·kH·kW, N·H·W) matrix for the whole batch would not.
    ConvImages.backward(y, null, null, xa, xo, null, 0, wa, woff, n, in, groups, geo);
    if (bc != null) {
      float[] ba = RAW.array(bc);
      int bo = RAW.offset(bc);
      Parallel.forEach(
          n,
          b -> {
            for (int c = 0; c < out; c++) {
              float v = ba[bo + c];
              int base = (b * out + c) * plane;
              for (int p = 0; p < plane; p++) y[base + p] += v;
            }
          });
    }
    Tensor result = Tensor.wrap(y, n, out, ho, wo);
    Tensor[] inputs = bc == null ? new Tensor[] {xc, wc} : new Tensor[] {xc, wc, bc};
    return Tensor.custom(
        "conv_transpose2d",
        result,
        inputs,
        inputs,
        g -> {
          Tensor gc = g.contiguous();
          float[] ga = RAW.array(gc);
          int go = RAW.offset(gc);
          Tensor[] grads = new Tensor[inputs.length];
          if (xc.requiresGrad()) { // the convolution of the output gradient
            float[] dx = new float[xc.numel()];
            ConvImages.forward(dx, 0, ga, go, wa, woff, null, 0, n, in, groups, geo);
            grads[0] = Tensor.wrap(dx, xc.shape());
          }
          if (wc.requiresGrad()) { // that convolution's weight gradient, x its output gradient
            float[] dw = new float[wc.numel()];
            ConvImages.backward(null, dw, null, xa, xo, ga, go, wa, woff, n, in, groups, geo);
            grads[1] = Tensor.wrap(dw, wc.shape());
          }
          if (bc != null && bc.requiresGrad()) {
            float[] db = new float[out];
            for (int b = 0; b < n; b++)
              for (int c = 0; c < out; c++) {
                int base = go + (b * out + c) * plane;
                float sum = 0;
                for (int p = 0; p < plane; p++) sum += ga[base + p];
                db[c] += sum;
              }
            grads[2] = Tensor.wrap(db, bc.shape());
          }
          return grads;
        },
        g -> convTransposeGraphVjp(g, xc, wc, bc, win, groups, h, w));
  }

  /**
   * The gradients of {@link #convTranspose} in differentiable ops, for double backward: the input
   * gradient is the convolution of g with the same weight, the weight gradient x times the columns
   * of g, group by group.
   */
  private static Tensor[] convTransposeGraphVjp(
      Tensor g, Tensor x, Tensor weight, Tensor bias, Window win, int groups, int h, int w) {
    Tensor[] grads = new Tensor[bias == null ? 2 : 3];
    if (x.requiresGrad()) grads[0] = conv(g, weight, null, win, groups);
    if (weight.requiresGrad()) {
      int n = x.size(0), in = x.size(1), cg = in / groups, og = weight.size(1);
      int k = og * win.kh() * win.kw();
      Tensor xm = x.permute(1, 0, 2, 3).reshape(in, n * h * w);
      Tensor cols = unfold(g, win, h, w); // (C_out·kH·kW, N·H·W)
      List<Tensor> parts = new ArrayList<>();
      for (int gi = 0; gi < groups; gi++) {
        Tensor xg = groups == 1 ? xm : xm.slice(0, gi * cg, (gi + 1) * cg);
        Tensor cgs = groups == 1 ? cols : cols.slice(0, gi * k, (gi + 1) * k);
        parts.add(xg.matmul(cgs.t()).reshape(cg, og, win.kh(), win.kw()));
      }
      grads[1] = groups == 1 ? parts.get(0) : Tensor.cat(0, parts);
    }
    if (bias != null && bias.requiresGrad()) grads[2] = g.sum(new int[] {0, 2, 3}, false);
    return grads;
  }

  /**
   * The same through one (C_out·kH·kW, N·H·W) matrix for the whole batch, folded by col2im: any
   * output padding.
   */
  private static Tensor convTransposeBatched(
      Tensor x, Tensor weight, Tensor bias, Window win, int groups, int ho, int wo) {
    int n = x.size(0), in = x.size(1), h = x.size(2), w = x.size(3);
    int cg = in / groups, og = weight.size(1), out = og * groups, k = og * win.kh() * win.kw();
    Tensor xm = x.permute(1, 0, 2, 3).reshape(in, n * h * w); // (C_in, N·H·W): channels as rows
    List<Tensor> parts = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      Tensor xg = groups == 1 ? xm : xm.slice(0, g * cg, (g + 1) * cg);
      Tensor wg = (groups == 1 ? weight : weight.slice(0, g * cg, (g + 1) * cg)).reshape(cg, k);
      parts.add(wg.t().matmul(xg)); // (og·kH·kW, N·H·W)
    }
    Tensor cols = groups == 1 ? parts.get(0) : Tensor.cat(0, parts); // (C_out·kH·kW, N·H·W)
    Tensor y = fold(cols, n, out, ho, wo, win, h, w);
    if (bias != null) y = y.add(bias.reshape(1, out, 1, 1));
    return y;
  }

  /**
   * im2col of every image of the batch into one (C·kH·kW, N·ho·wo) matrix, as a differentiable op
   * (backward: col2im).
   */
  static Tensor unfold(Tensor x, Window win, int ho, int wo) {
    int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    int k = c * win.kh() * win.kw(), l = ho * wo, ld = n * l;
    Tensor xc = x.contiguous();
    float[] img = RAW.array(xc);
    int imgBase = RAW.offset(xc);
    float[] cols = new float[k * ld];
    Parallel.forEach(
        n, b -> im2col(cols, b * l, ld, img, imgBase + b * c * h * w, c, h, w, win, ho, wo));
    Tensor result = Tensor.wrap(cols, k, ld);
    return Tensor.custom(
        "im2col",
        result,
        new Tensor[] {x},
        new Tensor[0],
        g -> {
          Tensor gcT = g.contiguous();
          float[] gc = RAW.array(gcT);
          int gcBase = RAW.offset(gcT);
          float[] gi = new float[n * c * h * w];
          Parallel.forEach(
              n, b -> col2im(gi, b * c * h * w, gc, gcBase + b * l, ld, c, h, w, win, ho, wo));
          return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
        },
        g -> new Tensor[] {fold(g, n, c, h, w, win, ho, wo)});
  }

  /**
   * col2im of a (C·kH·kW, N·ho·wo) matrix into images (N, C, H, W), overlapping windows adding up,
   * as a differentiable op (backward: im2col). The adjoint of {@link #unfold}.
   */
  static Tensor fold(Tensor cols, int n, int c, int h, int w, Window win, int ho, int wo) {
    int l = ho * wo, ld = n * l;
    Tensor cc = cols.contiguous();
    float[] src = RAW.array(cc);
    int srcBase = RAW.offset(cc);
    float[] img = new float[n * c * h * w];
    Parallel.forEach(
        n, b -> col2im(img, b * c * h * w, src, srcBase + b * l, ld, c, h, w, win, ho, wo));
    Tensor result = Tensor.wrap(img, n, c, h, w);
    int k = c * win.kh() * win.kw();
    return Tensor.custom(
        "col2im",
        result,
        new Tensor[] {cols},
        new Tensor[0],
        g -> {
          Tensor gT = g.contiguous();
          float[] gi = RAW.array(gT);
          int giBase = RAW.offset(gT);
          float[] gc = new float[k * ld];
          Parallel.forEach(
              n, b -> im2col(gc, b * l, ld, gi, giBase + b * c * h * w, c, h, w, win, ho, wo));
          return new Tensor[] {Tensor.wrap(gc, k, ld)};
        },
        g -> new Tensor[] {unfold(g, win, ho, wo)});
  }

  private static void im2col(
      float[] cols,
      int colsOff,
      int ld,
      float[] img,
      int imgOff,
      int c,
      int h,
      int w,
      Window win,
      int ho,
      int wo) {
    Im2col.im2col(
        cols,
        colsOff,
        ld,
        img,
        imgOff,
        c,
        h,
        w,
        win.kh(),
        win.kw(),
        win.sh(),
        win.sw(),
        win.top(),
        win.left(),
        win.dh(),
        win.dw(),
        ho,
        wo);
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
      Window win,
      int ho,
      int wo) {
    Im2col.col2im(
        img,
        imgOff,
        cols,
        colsOff,
        ld,
        c,
        h,
        w,
        win.kh(),
        win.kw(),
        win.sh(),
        win.sw(),
        win.top(),
        win.left(),
        win.dh(),
        win.dw(),
        ho,
        wo);
  }
}
