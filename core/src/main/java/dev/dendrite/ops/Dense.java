package dev.dendrite.ops;

import dev.dendrite.internal.Access;
import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.FusedLinear;
import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.PackedLinear;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Tensor;

/**
 * A Linear layer's {@code act(x·Wᵀ + b)} as one op: the product, then bias and activation in one
 * pass over its output ({@link FusedLinear}), and one graph node instead of three (product,
 * addition, activation), each with its own output array.
 *
 * <p>Values and gradients are those of {@code x.matmul(w.t()).add(b).relu()} bit for bit: the
 * forward runs the same GEMM call and the same per-element arithmetic, and the backward runs the
 * same ops that the three nodes' rules run, in the same order.
 */
public final class Dense {
  private Dense() {}

  private static final Access.TensorData RAW = Access.tensors();
  private static final int GRAIN = 1 << 15;

  /** True when {@link #forward} takes this input: a row-major matrix (n, in). */
  public static boolean fits(Tensor x) {
    return x.dim() == 2 && x.isContiguous();
  }

  /**
   * {@code act(x·wᵀ + b)} for x (n, in) contiguous, w (out, in) and b (out) or null, recorded as
   * one node when a gradient is wanted.
   */
  public static Tensor forward(Tensor x, Tensor w, Tensor b, FusedLinear.Act act) {
    int n = x.size(0), in = x.size(1), out = w.size(0);
    Tensor wc = w.isContiguous() ? w : w.contiguous();
    float[] y = new float[n * out];
    into(x, wc, b, act, y, 0);
    Tensor result = Tensor.wrap(y, n, out);
    boolean relu = act == FusedLinear.Act.RELU;
    Tensor xd = x.detach(), wd = wc.detach();
    Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    Tensor[] saved = relu ? new Tensor[] {xd, wd, result} : new Tensor[] {xd, wd};
    int[] bShape = b == null ? null : b.shape();
    return Tensor.custom(
        relu ? "linear_relu" : "linear",
        result,
        inputs,
        saved,
        g -> {
          // The three nodes' rules in turn: ReLU's mask, the addition's sum over rows for the
          // bias, then the product's dA = G·W and dB = (Gᵀ·A)ᵀ, whose transpose is W's gradient.
          Tensor gz = relu ? reluBackward(g, y, n * out, n, out) : g;
          Tensor dx = x.requiresGrad() ? gz.matmul(wd) : null;
          Tensor dw = w.requiresGrad() ? weightGradient(gz, xd, w) : null;
          Tensor db = b != null && b.requiresGrad() ? gz.sumTo(bShape) : null;
          return b == null ? new Tensor[] {dx, dw} : new Tensor[] {dx, dw, db};
        },
        g -> {
          Tensor gz = relu ? g.mul(result.gt(0f)) : g;
          Tensor dx = gz.matmul(w);
          Tensor dw = gz.t().matmul(x);
          return b == null ? new Tensor[] {dx, dw} : new Tensor[] {dx, dw, gz.sumTo(bShape)};
        });
  }

  /**
   * The weight gradient Gᵀ·X of a layer with weight w (out, in), for G (n, out) and X (n, in): the
   * same product as {@code g.t().matmul(x)}, written into the array of w's last gradient when the
   * optimizer kept it (a new array costs its zeroing and cold cache lines, up to half the product).
   */
  public static Tensor weightGradient(Tensor g, Tensor x, Tensor w) {
    int n = g.size(0), out = g.size(1), in = x.size(1);
    Tensor gc = g.contiguous(), xc = x.contiguous();
    float[] dw = RAW.takeSpareGrad(w, out * in);
    if (dw == null) dw = new float[out * in];
    Gemm.sgemm(
        true,
        false,
        out,
        in,
        n,
        1f,
        RAW.array(gc),
        RAW.offset(gc),
        out,
        RAW.array(xc),
        RAW.offset(xc),
        in,
        0f,
        dw,
        0,
        in);
    return RAW.gradient(dw, out, in);
  }

  /**
   * Writes {@code act(x·wᵀ + b)} into {@code y} from {@code yo} (n·out values), recording nothing:
   * the inference path, into a buffer its caller reuses.
   */
  public static void into(Tensor x, Tensor w, Tensor b, FusedLinear.Act act, float[] y, int yo) {
    int n = x.size(0), in = x.size(1), out = w.size(0);
    FusedLinear.forward(
        n,
        in,
        out,
        RAW.array(x),
        RAW.offset(x),
        RAW.array(w),
        RAW.offset(w),
        b == null ? null : RAW.array(b),
        b == null ? 0 : RAW.offset(b),
        act,
        y,
        yo);
  }

  /**
   * Writes {@code act(x·wᵀ + b)} into {@code out}, a contiguous (n, out) tensor whose storage the
   * caller reuses from batch to batch; records nothing.
   */
  public static void into(Tensor x, Tensor w, Tensor b, FusedLinear.Act act, Tensor out) {
    checkOut(x, w, out);
    Tensor wc = w.isContiguous() ? w : w.contiguous();
    into(x, wc, b, act, RAW.array(out), RAW.offset(out));
    RAW.wrote(out);
  }

  /**
   * A weight packed for {@link PackedLinear}, packed again whenever the weight's values change (its
   * {@link Tensor#version()}) or it is another tensor: inference pays for packing once, not per
   * batch.
   */
  public static final class PackedWeight {
    private float[] packed = new float[0];
    private float[] source;
    private int offset = -1, version = -1;

    float[] of(Tensor w) {
      float[] a = RAW.array(w);
      int o = RAW.offset(w);
      if (a != source || o != offset || w.version() != version) {
        int out = w.size(0), in = w.size(1);
        if (packed.length != PackedLinear.packedSize(out, in))
          packed = new float[PackedLinear.packedSize(out, in)];
        PackedLinear.pack(a, o, out, in, packed);
        source = a;
        offset = o;
        version = w.version();
      }
      return packed;
    }
  }

  /**
   * {@link #into(Tensor, Tensor, Tensor, FusedLinear.Act, Tensor)} on the packed weight {@code pw}
   * where the CPU has 16-float vectors, with the bias and activation applied to each register tile
   * as it is stored. The values are the ordered sums of the products, which differ from the plain
   * product's in the last bits.
   */
  public static void into(
      Tensor x, Tensor w, PackedWeight pw, Tensor b, FusedLinear.Act act, Tensor out) {
    // A narrow or shallow weight fills a fraction of the packed tile (2 of its 32 columns, 4 of its
    // depth): the plain product picks a kernel for that shape.
    if (!PackedLinear.supported() || !w.isContiguous() || w.size(0) <= 8 || w.size(1) < 16) {
      into(x, w, b, act, out);
      return;
    }
    checkOut(x, w, out);
    PackedLinear.forward(
        x.size(0),
        x.size(1),
        w.size(0),
        RAW.array(x),
        RAW.offset(x),
        pw.of(w),
        b == null ? null : RAW.array(b),
        b == null ? 0 : RAW.offset(b),
        act,
        RAW.array(out),
        RAW.offset(out));
    RAW.wrote(out);
  }

  private static void checkOut(Tensor x, Tensor w, Tensor out) {
    if (out.dim() != 2
        || out.size(0) != x.size(0)
        || out.size(1) != w.size(0)
        || !out.isContiguous())
      throw new IllegalArgumentException(
          "linear: output buffer of shape "
              + java.util.Arrays.toString(out.shape())
              + " for "
              + x.size(0)
              + " rows of "
              + w.size(0));
  }

  private static Tensor reluBackward(Tensor g, float[] y, int len, int n, int out) {
    Tensor gc = g.contiguous();
    float[] gd = RAW.array(gc), dz = new float[len];
    int go = RAW.offset(gc);
    Parallel.forRange(
        len,
        GRAIN,
        (from, to) -> Elementwise.reluBackward(dz, from, gd, go + from, y, from, to - from));
    return Tensor.wrap(dz, n, out);
  }
}
