package dev.dendrite.nn.conv;

import dev.dendrite.nn.Fusion;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecFields;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.WeightedLayer;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.ops.Convolution;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in PyTorch), computed as im2col of the whole batch and one
 * matrix product per group: W (C_out, C_in·kH·kW) · cols (C_in·kH·kW, N·H_out·W_out).
 *
 * <p>Shapes: input (N, C_in, H, W) → output (N, C_out, H_out, W_out), H_out = ⌊(H + 2·padding −
 * dilation·(kernel − 1) − 1) / stride⌋ + 1, likewise W_out; with {@link #same} padding (stride 1)
 * H_out = H, the odd unit of padding going below and to the right. Parameters {@code weight}
 * (C_out, C_in/groups, kH, kW) and {@code bias} (C_out), initialised as PyTorch does: U(−1/√fan_in,
 * 1/√fan_in) with fan_in = C_in/groups·kH·kW. Stride, padding and dilation may differ per axis, as
 * PyTorch's tuples (in a spec, {@code "stride": [1, 2]}), and the padding hold zeros or, as
 * PyTorch's {@code padding_mode}, the reflected, replicated or wrapped-around input ({@link
 * PaddingMode}; in a spec, {@code "paddingMode": "reflect"}).
 */
public final class Conv2d extends Module implements WeightedLayer {
  private final int in, out, kh, kw, sh, sw, ph, pw, dh, dw, groups;
  private final boolean same;
  private final PaddingMode paddingMode;

  /** The geometry with the padding (for shapes), and what the convolution itself pads. */
  private final Convolution.Window window, convWindow;

  private final Parameter weight, bias;

  public Conv2d(int in, int out, int kernel, int stride, int padding, Rng rng) {
    this(in, out, kernel, kernel, stride, padding, 1, 1, true, rng);
  }

  public Conv2d(
      int in,
      int out,
      int kh,
      int kw,
      int stride,
      int padding,
      int dilation,
      int groups,
      boolean bias,
      Rng rng) {
    this(
        in,
        out,
        new int[] {kh, kw},
        new int[] {stride, stride},
        new int[] {padding, padding},
        false,
        new int[] {dilation, dilation},
        groups,
        bias,
        PaddingMode.ZEROS,
        rng);
  }

  /** Per-axis (height, width) kernel, stride, padding and dilation, as PyTorch's tuples. */
  public Conv2d(
      int in,
      int out,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups,
      boolean bias,
      Rng rng) {
    this(in, out, kernel, stride, padding, dilation, groups, bias, PaddingMode.ZEROS, rng);
  }

  /** As above, with PyTorch's {@code padding_mode}: what the padding cells hold. */
  public Conv2d(
      int in,
      int out,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups,
      boolean bias,
      PaddingMode paddingMode,
      Rng rng) {
    this(in, out, kernel, stride, padding, false, dilation, groups, bias, paddingMode, rng);
  }

  /** PyTorch's {@code padding="same"}: stride 1, the output as large as the input. */
  public static Conv2d same(
      int in, int out, int kh, int kw, int dilation, int groups, boolean bias, Rng rng) {
    return same(in, out, new int[] {kh, kw}, new int[] {dilation, dilation}, groups, bias, rng);
  }

  /** {@code padding="same"} with per-axis kernel and dilation. */
  public static Conv2d same(
      int in, int out, int[] kernel, int[] dilation, int groups, boolean bias, Rng rng) {
    return new Conv2d(
        in,
        out,
        kernel,
        new int[] {1, 1},
        new int[2],
        true,
        dilation,
        groups,
        bias,
        PaddingMode.ZEROS,
        rng);
  }

  private Conv2d(
      int in,
      int out,
      int[] kernel,
      int[] stride,
      int[] padding,
      boolean same,
      int[] dilation,
      int groups,
      boolean bias,
      PaddingMode paddingMode,
      Rng rng) {
    int kh = kernel[0], kw = kernel[1];
    if (same && paddingMode != PaddingMode.ZEROS)
      throw new IllegalArgumentException(
          "Conv2d: padding \"same\" takes padding mode zeros only, got " + paddingMode.specName());
    if (in < 1
        || out < 1
        || kh < 1
        || kw < 1
        || Math.min(stride[0], stride[1]) < 1
        || Math.min(padding[0], padding[1]) < 0
        || Math.min(dilation[0], dilation[1]) < 1
        || groups < 1) {
      throw new IllegalArgumentException("Conv2d: sizes must be positive (padding >= 0)");
    }
    Convolution.checkGroups("Conv2d", in, out, groups);
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.sh = stride[0];
    this.sw = stride[1];
    this.ph = padding[0];
    this.pw = padding[1];
    this.same = same;
    this.dh = dilation[0];
    this.dw = dilation[1];
    this.groups = groups;
    this.window =
        same
            ? Convolution.Window.same(kh, kw, dh, dw)
            : Convolution.Window.symmetric(kh, kw, sh, sw, ph, pw, dh, dw);
    this.paddingMode = paddingMode;
    this.convWindow =
        paddingMode == PaddingMode.ZEROS
            ? window
            : Convolution.Window.symmetric(kh, kw, sh, sw, 0, 0, dh, dw);
    float bound = (float) (1 / Math.sqrt((double) in / groups * kh * kw));
    this.weight = new Parameter(Tensor.uniform(rng, -bound, bound, out, in / groups, kh, kw));
    this.bias = bias ? new Parameter(Tensor.uniform(rng, -bound, bound, out)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, weight);
  }

  @Override
  public Tensor forward(Tensor x, Tensor weight) {
    outputShape(x.shape());
    return Convolution.conv(padded(x), weight, bias, convWindow, groups);
  }

  @Override
  public Parameter weight() {
    return weight;
  }

  /**
   * In a Sequential, a ReLU after this layer, and a max pool after that, run with it as one op
   * ({@link Conv2dReLU}, {@link Conv2dReLUMaxPool2d}).
   */
  @Override
  protected Fusion fuse(List<Module> next) {
    if (next.isEmpty() || !(next.get(0) instanceof ReLU)) return null;
    if (next.size() > 1 && next.get(1) instanceof MaxPool2d pool && pool.square())
      return new Fusion(new Conv2dReLUMaxPool2d(this, pool), 2);
    return new Fusion(new Conv2dReLU(this), 1);
  }

  /**
   * {@code relu(forward(x))} as one op, the same values bit for bit but one pass over the output
   * fewer each way.
   */
  Tensor forwardRelu(Tensor x) {
    outputShape(x.shape());
    return Convolution.conv(padded(x), weight, bias, convWindow, groups, true);
  }

  /**
   * {@code pool(relu(forward(x)))} for a max pool, as one op that never stores the full-size
   * feature maps; the same values bit for bit.
   */
  Tensor forwardReluMaxPool(Tensor x, MaxPool2d pool) {
    pool.outputShape(outputShape(x.shape()));
    return Convolution.convReluMaxPool(
        padded(x), weight, bias, convWindow, groups, pool.kernel(), pool.stride(), pool.padding());
  }

  /** x with its padding cells filled in, for the non-zero padding modes; else x. */
  private Tensor padded(Tensor x) {
    if (paddingMode == PaddingMode.ZEROS) return x;
    return paddingMode.pad(paddingMode.pad(x, 2, ph), 3, pw);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weightAndBias(weight, bias);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 4 || s[1] != in) {
      throw new IllegalArgumentException(
          this + " needs (N, " + in + ", H, W), got " + Shape.str(s));
    }
    int ho = window.outH(s[2]), wo = window.outW(s[3]);
    if (ho < 1 || wo < 1)
      throw new IllegalArgumentException(
          this + ": input " + Shape.str(s) + " is smaller than the kernel");
    return new int[] {s[0], out, ho, wo};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Conv2d",
          (f, rng) -> {
            int[] k = f.pair("kernel"), d = f.pair("dilation", new int[] {1, 1});
            if (samePadding(f))
              return same(
                  f.integer("in"),
                  f.integer("out"),
                  k,
                  d,
                  f.integer("groups", 1),
                  f.bool("bias", true),
                  rng);
            return new Conv2d(
                f.integer("in"),
                f.integer("out"),
                k,
                f.pair("stride", new int[] {1, 1}),
                f.pair("padding", new int[2]),
                d,
                f.integer("groups", 1),
                f.bool("bias", true),
                paddingMode(f),
                rng);
          });

  /** {@code "paddingMode"}, zeros when absent; an unknown name is reported with the layer. */
  static PaddingMode paddingMode(SpecFields f) {
    try {
      return PaddingMode.of(f.string("paddingMode", "zeros"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(f.where() + ": " + e.getMessage());
    }
  }

  /** {@code "padding": "same"}, which PyTorch allows with stride 1 only. */
  static boolean samePadding(SpecFields f) {
    if (!"same".equals(f.map().get("padding"))) return false;
    if (paddingMode(f) != PaddingMode.ZEROS)
      throw new IllegalArgumentException(
          f.where() + ": \"padding\": \"same\" takes padding mode zeros only");
    int[] s = f.pair("stride", new int[] {1, 1});
    if (s[0] != 1 || s[1] != 1) {
      throw new IllegalArgumentException(
          f.where() + ": \"padding\": \"same\" needs stride 1, got " + f.map().get("stride"));
    }
    return true;
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Conv2d");
    m.put("in", in);
    m.put("out", out);
    m.put("kernel", List.of(kh, kw));
    m.put("stride", field(sh, sw));
    m.put("padding", same ? "same" : field(ph, pw));
    m.put("dilation", field(dh, dw));
    m.put("groups", groups);
    m.put("bias", bias != null);
    if (paddingMode != PaddingMode.ZEROS) m.put("paddingMode", paddingMode.specName());
    return m;
  }

  @Override
  public String toString() {
    return "Conv2d("
        + in
        + ", "
        + out
        + ", kernel="
        + kh
        + "x"
        + kw
        + ", stride="
        + text(sh, sw)
        + ", padding="
        + (same ? "same" : text(ph, pw))
        + (dh > 1 || dw > 1 ? ", dilation=" + text(dh, dw) : "")
        + (groups > 1 ? ", groups=" + groups : "")
        + (paddingMode != PaddingMode.ZEROS ? ", padding_mode=" + paddingMode.specName() : "")
        + ")";
  }

  /** One int where both axes agree (as specs were written before per-axis options), else a pair. */
  private static Object field(int h, int w) {
    return h == w ? (Object) h : List.of(h, w);
  }

  private static String text(int h, int w) {
    return h == w ? String.valueOf(h) : "(" + h + ", " + w + ")";
  }
}
