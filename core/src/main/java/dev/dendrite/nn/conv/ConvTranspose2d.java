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
import java.util.List;
import java.util.Map;

/**
 * 2-D transposed convolution (PyTorch's ConvTranspose2d, the gradient of Conv2d with respect to its
 * input): one matrix product per group, Wᵀ (C_out/groups·kH·kW, C_in/groups) · x (C_in/groups,
 * N·H·W), then col2im scatters the columns into the output, overlapping windows adding up.
 *
 * <p>Shapes: input (N, C_in, H, W) → output (N, C_out, H_out, W_out), H_out = (H − 1)·stride −
 * 2·padding + dilation·(kernel − 1) + outputPadding + 1, likewise W_out. {@code outputPadding}
 * (added below and to the right, to pick among the input sizes a strided Conv2d maps to the same
 * size) must be smaller than the stride or the dilation. Parameters {@code weight} (C_in,
 * C_out/groups, kH, kW) and {@code bias} (C_out), U(−1/√fan_in, 1/√fan_in) with fan_in =
 * C_out/groups·kH·kW, which is what PyTorch computes from that weight's layout.
 */
public final class ConvTranspose2d extends Module implements WeightedLayer {
  private final int in, out, kh, kw, groups;

  /** Per axis, {height, width}. */
  private final int[] stride, padding, outputPadding, dilation;

  private final Convolution.Window window;
  private final Parameter weight, bias;

  public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, Rng rng) {
    this(in, out, kernel, kernel, stride, padding, 0, 1, 1, true, rng);
  }

  public ConvTranspose2d(
      int in,
      int out,
      int kh,
      int kw,
      int stride,
      int padding,
      int outputPadding,
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
        new int[] {outputPadding, outputPadding},
        new int[] {dilation, dilation},
        groups,
        bias,
        rng);
  }

  /**
   * Per-axis (height, width) kernel, stride, padding, output padding and dilation, as PyTorch's
   * tuples.
   */
  public ConvTranspose2d(
      int in,
      int out,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] outputPadding,
      int[] dilation,
      int groups,
      boolean bias,
      Rng rng) {
    int kh = kernel[0], kw = kernel[1];
    if (in < 1
        || out < 1
        || kh < 1
        || kw < 1
        || Math.min(stride[0], stride[1]) < 1
        || Math.min(padding[0], padding[1]) < 0
        || Math.min(outputPadding[0], outputPadding[1]) < 0
        || Math.min(dilation[0], dilation[1]) < 1
        || groups < 1) {
      throw new IllegalArgumentException(
          "ConvTranspose2d: sizes must be positive (padding, outputPadding >= 0)");
    }
    Convolution.checkGroups("ConvTranspose2d", in, out, groups);
    for (int a = 0; a < 2; a++) {
      if (outputPadding[a] >= stride[a] && outputPadding[a] >= dilation[a]) {
        throw new IllegalArgumentException(
            "ConvTranspose2d: outputPadding "
                + outputPadding[a]
                + " must be smaller than the stride "
                + stride[a]
                + " or the dilation "
                + dilation[a]);
      }
    }
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.outputPadding = outputPadding.clone();
    this.dilation = dilation.clone();
    this.groups = groups;
    this.window =
        Convolution.Window.symmetric(
            kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
    float bound = (float) (1 / Math.sqrt((double) out / groups * kh * kw));
    this.weight = new Parameter(Tensor.uniform(rng, -bound, bound, in, out / groups, kh, kw));
    this.bias = bias ? new Parameter(Tensor.uniform(rng, -bound, bound, out)) : null;
  }

  private int outSize(int size, int k, int a) {
    return (size - 1) * stride[a] - 2 * padding[a] + dilation[a] * (k - 1) + outputPadding[a] + 1;
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, weight);
  }

  @Override
  public Tensor forward(Tensor x, Tensor weight) {
    int[] os = outputShape(x.shape());
    return Convolution.convTranspose(x, weight, bias, window, groups, os[2], os[3]);
  }

  @Override
  public Parameter weight() {
    return weight;
  }

  /** The weight is (C_in, C_out/groups, kH, kW): output channels along dimension 1. */
  @Override
  public int outputDim() {
    return 1;
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
    int ho = outSize(s[2], kh, 0), wo = outSize(s[3], kw, 1);
    if (s[2] < 1 || s[3] < 1 || ho < 1 || wo < 1) {
      throw new IllegalArgumentException(
          this + ": input " + Shape.str(s) + " gives an empty output (" + ho + "x" + wo + ")");
    }
    return new int[] {s[0], out, ho, wo};
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "ConvTranspose2d",
          (f, rng) -> {
            int[] k = f.pair("kernel");
            return new ConvTranspose2d(
                f.integer("in"),
                f.integer("out"),
                k,
                f.pair("stride", new int[] {1, 1}),
                f.pair("padding", new int[2]),
                f.pair("outputPadding", new int[2]),
                f.pair("dilation", new int[] {1, 1}),
                f.integer("groups", 1),
                f.bool("bias", true),
                rng);
          });

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ConvTranspose2d");
    m.put("in", in);
    m.put("out", out);
    m.put("kernel", List.of(kh, kw));
    m.put("stride", field(stride));
    m.put("padding", field(padding));
    m.put("outputPadding", field(outputPadding));
    m.put("dilation", field(dilation));
    m.put("groups", groups);
    m.put("bias", bias != null);
    return m;
  }

  @Override
  public String toString() {
    return "ConvTranspose2d("
        + in
        + ", "
        + out
        + ", kernel="
        + kh
        + "x"
        + kw
        + ", stride="
        + text(stride)
        + ", padding="
        + text(padding)
        + (outputPadding[0] > 0 || outputPadding[1] > 0
            ? ", outputPadding=" + text(outputPadding)
            : "")
        + (dilation[0] > 1 || dilation[1] > 1 ? ", dilation=" + text(dilation) : "")
        + (groups > 1 ? ", groups=" + groups : "")
        + ")";
  }

  /** One int where both axes agree (as specs were written before per-axis options), else a pair. */
  private static Object field(int[] v) {
    return v[0] == v[1] ? (Object) v[0] : List.of(v[0], v[1]);
  }

  private static String text(int[] v) {
    return v[0] == v[1] ? String.valueOf(v[0]) : "(" + v[0] + ", " + v[1] + ")";
  }
}
