package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.kernels.Im2col;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2-D convolution (cross-correlation, as in PyTorch), computed as im2col of the whole batch and one
 * matrix product per group: W (C_out, C_in·kH·kW) · cols (C_in·kH·kW, N·H_out·W_out).
 *
 * <p>Shapes: input (N, C_in, H, W) → output (N, C_out, H_out, W_out),
 * H_out = ⌊(H + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1, likewise W_out.
 * Parameters {@code weight} (C_out, C_in/groups, kH, kW) and {@code bias} (C_out), initialised as
 * PyTorch does: U(−1/√fan_in, 1/√fan_in) with fan_in = C_in/groups·kH·kW.
 */
public final class Conv2d extends Module {
  private static final dev.dendrite.internal.Access.TensorData RAW = dev.dendrite.internal.Access.tensors();
  private final int in, out, kh, kw, stride, padding, dilation, groups;
  private final Parameter weight, bias;

  public Conv2d(int in, int out, int kernel, int stride, int padding, Rng rng) {
    this(in, out, kernel, kernel, stride, padding, 1, 1, true, rng);
  }

  public Conv2d(int in, int out, int kh, int kw, int stride, int padding, int dilation, int groups, boolean bias, Rng rng) {
    if (in < 1 || out < 1 || kh < 1 || kw < 1 || stride < 1 || padding < 0 || dilation < 1 || groups < 1) {
      throw new IllegalArgumentException("Conv2d: sizes must be positive (padding >= 0)");
    }
    if (in % groups != 0 || out % groups != 0) {
      throw new IllegalArgumentException("Conv2d: channels " + in + " → " + out + " are not divisible by groups " + groups);
    }
    this.in = in;
    this.out = out;
    this.kh = kh;
    this.kw = kw;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.groups = groups;
    float bound = (float) (1 / Math.sqrt((double) in / groups * kh * kw));
    this.weight = new Parameter(Tensor.uniform(rng, -bound, bound, out, in / groups, kh, kw));
    this.bias = bias ? new Parameter(Tensor.uniform(rng, -bound, bound, out)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    int[] os = outputShape(x.shape());
    int n = x.size(0), h = x.size(2), w = x.size(3), ho = os[2], wo = os[3];
    int cg = in / groups, og = out / groups, k = cg * kh * kw;
    List<Tensor> parts = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      Tensor xg = groups == 1 ? x : x.slice(1, g * cg, (g + 1) * cg);
      Tensor cols = unfold(xg, n, cg, h, w);                                     // (K, N·L): all images side by side
      Tensor wg = (groups == 1 ? weight : weight.slice(0, g * og, (g + 1) * og)).reshape(og, k);
      parts.add(wg.matmul(cols));                                                // one product: (og, N·L)
    }
    Tensor y = groups == 1 ? parts.get(0) : Tensor.cat(0, parts);               // (C_out, N·L)
    if (bias != null) y = y.add(bias.reshape(out, 1));
    return y.reshape(out, n, ho, wo).permute(1, 0, 2, 3);
  }

  /** im2col of every image of the batch into one (K, N·L) matrix, as a differentiable op (backward: col2im). */
  private Tensor unfold(Tensor x, int n, int c, int h, int w) {
    int ho = Im2col.outSize(h, kh, stride, padding, dilation), wo = Im2col.outSize(w, kw, stride, padding, dilation);
    int k = c * kh * kw, l = ho * wo, ld = n * l;
    Tensor xc = x.contiguous();
    float[] img = RAW.array(xc);
    int imgBase = RAW.offset(xc);
    float[] cols = new float[k * ld];
    Parallel.forEach(n, b -> Im2col.im2col(cols, b * l, ld, img, imgBase + b * c * h * w, c, h, w, kh, kw, stride, stride, padding, padding, dilation, dilation));
    Tensor result = Tensor.wrap(cols, k, ld);
    return Tensor.custom("im2col", result, new Tensor[] {x}, new Tensor[0], g -> {
      Tensor gcT = g.contiguous();
      float[] gc = RAW.array(gcT);
      int gcBase = RAW.offset(gcT);
      float[] gi = new float[n * c * h * w];
      Parallel.forEach(n, b -> Im2col.col2im(gi, b * c * h * w, gc, gcBase + b * l, ld, c, h, w, kh, kw, stride, stride, padding, padding, dilation, dilation));
      return new Tensor[] {Tensor.wrap(gi, n, c, h, w)};
    });
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weightAndBias(weight, bias);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 4 || s[1] != in) {
      throw new IllegalArgumentException(this + " needs (N, " + in + ", H, W), got " + Shape.str(s));
    }
    int ho = Im2col.outSize(s[2], kh, stride, padding, dilation), wo = Im2col.outSize(s[3], kw, stride, padding, dilation);
    if (ho < 1 || wo < 1) throw new IllegalArgumentException(this + ": input " + Shape.str(s) + " is smaller than the kernel");
    return new int[] {s[0], out, ho, wo};
  }

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Conv2d");
    m.put("in", in);
    m.put("out", out);
    m.put("kernel", List.of(kh, kw));
    m.put("stride", stride);
    m.put("padding", padding);
    m.put("dilation", dilation);
    m.put("groups", groups);
    m.put("bias", bias != null);
    return m;
  }

  @Override
  public String toString() {
    return "Conv2d(" + in + ", " + out + ", kernel=" + kh + "x" + kw + ", stride=" + stride + ", padding=" + padding
        + (dilation > 1 ? ", dilation=" + dilation : "") + (groups > 1 ? ", groups=" + groups : "") + ")";
  }
}
