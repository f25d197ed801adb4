package dev.dendrite.nn;

import dev.dendrite.kernels.FusedLinear;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.ops.Dense;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fully connected layer, {@code y = x·Wᵀ + b}.
 *
 * <p>Shapes: input (*, in) → output (*, out). Parameters {@code weight} (out, in) and {@code bias}
 * (out), PyTorch's layout, initialised as PyTorch does: U(−1/√in, 1/√in) for both (its
 * kaiming_uniform with a = √5 reduces to that bound for the weight).
 */
public final class Linear extends Module implements WeightedLayer {
  private final int in, out;
  private final Parameter weight;
  private final Parameter bias; // null without bias

  public Linear(int in, int out, Rng rng) {
    this(in, out, true, rng);
  }

  public Linear(int in, int out, boolean bias, Rng rng) {
    if (in < 1 || out < 1)
      throw new IllegalArgumentException(
          "Linear: sizes must be >= 1, got in=" + in + ", out=" + out);
    this.in = in;
    this.out = out;
    float bound = (float) (1 / Math.sqrt(in));
    this.weight = new Parameter(Tensor.uniform(rng, -bound, bound, out, in));
    this.bias = bias ? new Parameter(Tensor.uniform(rng, -bound, bound, out)) : null;
  }

  @Override
  public Parameter weight() {
    return weight;
  }

  /** The bias, or null. */
  public Parameter bias() {
    return bias;
  }

  public int inFeatures() {
    return in;
  }

  public int outFeatures() {
    return out;
  }

  @Override
  public Tensor forward(Tensor x) {
    checkInput(x);
    return forward(x, weight);
  }

  private void checkInput(Tensor x) {
    if (x.dim() == 0 || x.size(-1) != in) {
      throw new IllegalArgumentException(
          "Linear(in="
              + in
              + ", out="
              + out
              + "): input of shape "
              + Shape.str(x.shape())
              + " does not end in "
              + in);
    }
  }

  /**
   * A matrix input runs as one op ({@link Dense}): the product, then the bias in one pass over its
   * output, with the values and gradients of {@code x.matmul(weight.t()).add(bias)} bit for bit.
   */
  @Override
  public Tensor forward(Tensor x, Tensor weight) {
    if (Dense.fits(x)) return Dense.forward(x, weight, bias, FusedLinear.Act.NONE);
    Tensor y = x.matmul(weight.t());
    return bias == null ? y : y.add(bias);
  }

  /** {@code relu(forward(x))} as one op, the same values and gradients bit for bit. */
  Tensor forwardRelu(Tensor x) {
    checkInput(x);
    if (Dense.fits(x)) return Dense.forward(x, weight, bias, FusedLinear.Act.RELU);
    return forward(x, weight).relu();
  }

  /**
   * Takes over a ReLU that follows it in a {@link Sequential} ({@link LinearReLU}): one pass over
   * the output for bias and activation, one graph node for the three ops.
   */
  @Override
  protected Fusion fuse(List<Module> next) {
    if (next.isEmpty() || !(next.get(0) instanceof ReLU)) return null;
    return new Fusion(new LinearReLU(this), 1);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weightAndBias(weight, bias);
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length == 0 || s[s.length - 1] != in) {
      throw new IllegalArgumentException(
          "Linear(in="
              + in
              + ", out="
              + out
              + ") needs an input ending in "
              + in
              + ", got "
              + Shape.str(s));
    }
    int[] o = s.clone();
    o[o.length - 1] = out;
    return o;
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "Linear",
          (f, rng) -> new Linear(f.integer("in"), f.integer("out"), f.bool("bias", true), rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Linear");
    m.put("in", in);
    m.put("out", out);
    m.put("bias", bias != null);
    return m;
  }

  @Override
  public String toString() {
    return "Linear(in=" + in + ", out=" + out + (bias == null ? ", bias=false" : "") + ")";
  }
}
