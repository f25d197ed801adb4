package dev.dendrite.nn.norm;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layer normalisation (Ba, Kiros, Hinton 2016) over the trailing {@code normalizedShape} dimensions
 * of each example: {@code (x − mean)/√(var + eps)·weight + bias}, biased variance, the same in
 * training and evaluation. Parameters {@code weight} = 1 and {@code bias} = 0 of {@code
 * normalizedShape}, none without {@code elementwiseAffine} (PyTorch's {@code
 * elementwise_affine=False}); eps 1e-5.
 */
public final class LayerNorm extends Module {
  private final int[] shape;
  private final float eps;
  private final Parameter weight, bias;

  public LayerNorm(int... normalizedShape) {
    this(1e-5f, normalizedShape);
  }

  public LayerNorm(float eps, int... normalizedShape) {
    this(eps, true, normalizedShape);
  }

  /** With {@code elementwiseAffine} false, no learnable {@code weight} and {@code bias}. */
  public LayerNorm(float eps, boolean elementwiseAffine, int... normalizedShape) {
    if (normalizedShape.length == 0)
      throw new IllegalArgumentException("LayerNorm: give the normalized shape");
    this.shape = normalizedShape.clone();
    this.eps = eps;
    this.weight = elementwiseAffine ? new Parameter(Tensor.ones(shape)) : null;
    this.bias = elementwiseAffine ? new Parameter(Tensor.zeros(shape)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    int[] dims = new int[shape.length];
    for (int i = 0; i < dims.length; i++) dims[i] = x.dim() - shape.length + i;
    Tensor mean = x.mean(dims, true), var = x.var(dims, 0, true);
    Tensor xhat = x.sub(mean).div(var.add(eps).sqrt());
    return weight == null ? xhat : xhat.mul(weight).add(bias);
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weight == null ? Map.of() : weightAndBias(weight, bias);
  }

  @Override
  public int[] outputShape(int[] in) {
    boolean ok =
        in.length >= shape.length
            && Arrays.equals(Arrays.copyOfRange(in, in.length - shape.length, in.length), shape);
    if (!ok)
      throw new IllegalArgumentException(
          "LayerNorm"
              + Shape.str(shape)
              + " needs an input ending in "
              + Shape.str(shape)
              + ", got "
              + Shape.str(in));
    return in.clone();
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "LayerNorm",
          (f, rng) ->
              new LayerNorm(
                  (float) f.number("eps", 1e-5),
                  f.bool("elementwiseAffine", true),
                  f.ints("shape")));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "LayerNorm");
    m.put("shape", Arrays.stream(shape).boxed().toList());
    m.put("eps", (double) eps);
    m.put("elementwiseAffine", weight != null);
    return m;
  }

  @Override
  public String toString() {
    return "LayerNorm("
        + Arrays.toString(shape)
        + ", eps="
        + eps
        + (weight == null ? ", elementwise_affine=false" : "")
        + ")";
  }
}
