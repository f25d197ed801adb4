package dev.dendrite.nn.conv;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.WeightedLayer;
import dev.dendrite.ops.Convolution;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 1-D convolution (cross-correlation, as PyTorch's Conv1d), run as a 2-D convolution of a height-1
 * image, so it shares {@link Conv2d}'s im2col + GEMM path.
 *
 * <p>Shapes: input (N, C_in, L) → output (N, C_out, L_out), L_out = ⌊(L + 2·padding −
 * dilation·(kernel − 1) − 1) / stride⌋ + 1; with {@link #same} padding (stride 1) L_out = L, the
 * odd unit of padding going to the right. Parameters {@code weight} (C_out, C_in/groups, kernel)
 * and {@code bias} (C_out), U(−1/√fan_in, 1/√fan_in) with fan_in = C_in/groups·kernel, as PyTorch.
 * The padding holds zeros or, as PyTorch's {@code padding_mode}, the reflected, replicated or
 * wrapped-around input ({@link PaddingMode}).
 */
public final class Conv1d extends Module implements WeightedLayer {
  private final int in, out, k, stride, padding, dilation, groups;
  private final boolean same;
  private final PaddingMode paddingMode;

  /** The geometry with the padding (for shapes), and what the convolution itself pads. */
  private final Convolution.Window window, convWindow;

  private final Parameter weight, bias;

  public Conv1d(int in, int out, int kernel, Rng rng) {
    this(in, out, kernel, 1, 0, 1, 1, true, rng);
  }

  public Conv1d(
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      int dilation,
      int groups,
      boolean bias,
      Rng rng) {
    this(in, out, kernel, stride, padding, dilation, groups, bias, PaddingMode.ZEROS, rng);
  }

  /** As above, with PyTorch's {@code padding_mode}: what the padding cells hold. */
  public Conv1d(
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      int dilation,
      int groups,
      boolean bias,
      PaddingMode paddingMode,
      Rng rng) {
    this(in, out, kernel, stride, padding, false, dilation, groups, bias, paddingMode, rng);
  }

  /** PyTorch's {@code padding="same"}: stride 1, the output as long as the input. */
  public static Conv1d same(
      int in, int out, int kernel, int dilation, int groups, boolean bias, Rng rng) {
    return new Conv1d(in, out, kernel, 1, 0, true, dilation, groups, bias, PaddingMode.ZEROS, rng);
  }

  private Conv1d(
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      boolean same,
      int dilation,
      int groups,
      boolean bias,
      PaddingMode paddingMode,
      Rng rng) {
    if (in < 1
        || out < 1
        || kernel < 1
        || stride < 1
        || padding < 0
        || dilation < 1
        || groups < 1) {
      throw new IllegalArgumentException("Conv1d: sizes must be positive (padding >= 0)");
    }
    Convolution.checkGroups("Conv1d", in, out, groups);
    this.in = in;
    this.out = out;
    this.k = kernel;
    this.stride = stride;
    this.padding = padding;
    this.same = same;
    this.dilation = dilation;
    this.groups = groups;
    this.window =
        same
            ? Convolution.Window.same(1, kernel, 1, dilation)
            : Convolution.Window.symmetric(1, kernel, 1, stride, 0, padding, 1, dilation);
    this.paddingMode = paddingMode;
    this.convWindow =
        paddingMode == PaddingMode.ZEROS
            ? window
            : Convolution.Window.symmetric(1, kernel, 1, stride, 0, 0, 1, dilation);
    float bound = (float) (1 / Math.sqrt((double) in / groups * kernel));
    this.weight = new Parameter(Tensor.uniform(rng, -bound, bound, out, in / groups, kernel));
    this.bias = bias ? new Parameter(Tensor.uniform(rng, -bound, bound, out)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, weight);
  }

  @Override
  public Parameter weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor x, Tensor weight) {
    outputShape(x.shape());
    Tensor w4 =
        weight.reshape(
            out, in / groups, 1, k); // a view: the gradient flows back to the (out, in, k) weight
    Tensor xs = paddingMode == PaddingMode.ZEROS ? x : paddingMode.pad(x, 2, padding);
    return Convolution.conv(xs.unsqueeze(2), w4, bias, convWindow, groups).squeeze(2);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weightAndBias(weight, bias);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[1] != in) {
      throw new IllegalArgumentException(this + " needs (N, " + in + ", L), got " + Shape.str(s));
    }
    int lo = window.outW(s[2]);
    if (lo < 1)
      throw new IllegalArgumentException(
          this + ": input " + Shape.str(s) + " is shorter than the kernel");
    return new int[] {s[0], out, lo};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Conv1d",
          (f, rng) ->
              Conv2d.samePadding(f)
                  ? same(
                      f.integer("in"),
                      f.integer("out"),
                      f.integer("kernel"),
                      f.integer("dilation", 1),
                      f.integer("groups", 1),
                      f.bool("bias", true),
                      rng)
                  : new Conv1d(
                      f.integer("in"),
                      f.integer("out"),
                      f.integer("kernel"),
                      f.integer("stride", 1),
                      f.integer("padding", 0),
                      f.integer("dilation", 1),
                      f.integer("groups", 1),
                      f.bool("bias", true),
                      Conv2d.paddingMode(f),
                      rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Conv1d");
    m.put("in", in);
    m.put("out", out);
    m.put("kernel", k);
    m.put("stride", stride);
    m.put("padding", same ? "same" : padding);
    m.put("dilation", dilation);
    m.put("groups", groups);
    m.put("bias", bias != null);
    if (paddingMode != PaddingMode.ZEROS) m.put("paddingMode", paddingMode.specName());
    return m;
  }

  @Override
  public String toString() {
    return "Conv1d("
        + in
        + ", "
        + out
        + ", kernel="
        + k
        + ", stride="
        + stride
        + ", padding="
        + (same ? "same" : padding)
        + (dilation > 1 ? ", dilation=" + dilation : "")
        + (groups > 1 ? ", groups=" + groups : "")
        + (paddingMode != PaddingMode.ZEROS ? ", padding_mode=" + paddingMode.specName() : "")
        + ")";
  }
}
