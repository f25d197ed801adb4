package dev.dendrite.nn;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spectral normalisation of a layer's weight (Miyato et al. 2018), as PyTorch's {@code
 * torch.nn.utils.spectral_norm}: the layer runs with {@code W / σ(W)}, σ the largest singular value
 * of the weight seen as a matrix (dimension {@code dim} as rows, the rest flattened), estimated by
 * power iteration with vectors {@code u}, {@code v} kept from call to call.
 *
 * <p>In training mode each forward first runs {@code nPowerIterations} steps {@code v ←
 * normalize(Wᵀu)}, {@code u ← normalize(Wv)} (no gradient flows through them), then uses {@code σ =
 * uᵀWv}; in eval mode u and v stay as they are. The gradient flows through σ's dependence on W. The
 * wrapped layer's weight is listed as {@code weight_orig}, and the vectors as the buffers {@code
 * weight_u}, {@code weight_v}, so state dicts match PyTorch's.
 */
public final class SpectralNorm extends Module {
  private final Module layer;
  private final WeightedLayer weighted;
  private final int iterations;
  private final float eps;
  private final int dim;
  private final Tensor u, v;

  /** PyTorch's defaults: one power iteration, eps 1e-12, the layer's output dimension. */
  public SpectralNorm(Module layer, Rng rng) {
    this(layer, 1, 1e-12f, -1, rng);
  }

  /**
   * {@code dim} −1 means the layer's output dimension (0, or 1 for ConvTranspose2d, as PyTorch
   * chooses); u and v start as normalised standard-normal vectors drawn from {@code rng}.
   */
  public SpectralNorm(Module layer, int nPowerIterations, float eps, int dim, Rng rng) {
    if (!(layer instanceof WeightedLayer w))
      throw new IllegalArgumentException(
          "SpectralNorm: "
              + layer
              + " has no weight to normalise (needs Linear, Conv1d, Conv2d or"
              + " ConvTranspose2d)");
    if (nPowerIterations < 0)
      throw new IllegalArgumentException(
          "SpectralNorm: nPowerIterations must be >= 0, got " + nPowerIterations);
    if (!(eps > 0)) throw new IllegalArgumentException("SpectralNorm: eps must be > 0, got " + eps);
    this.layer = layer;
    this.weighted = w;
    this.iterations = nPowerIterations;
    this.eps = eps;
    int rank = w.weight().dim();
    int d = dim == -1 ? w.outputDim() : dim;
    this.dim = Shape.dim("SpectralNorm", d, rank);
    int h = w.weight().size(this.dim), cols = w.weight().numel() / h;
    this.u = normalize(Tensor.randn(rng, h));
    this.v = normalize(Tensor.randn(rng, cols));
  }

  /** The wrapped layer. */
  public Module layer() {
    return layer;
  }

  @Override
  public Tensor forward(Tensor x) {
    return weighted.forward(x, weight());
  }

  /**
   * The normalised weight {@code W / σ} for this call; in training mode this advances the power
   * iteration first, as a forward does.
   */
  public Tensor weight() {
    Tensor w = weighted.weight();
    Tensor mat = matrix(w);
    Tensor uc, vc;
    try (var off = Grad.disabled()) {
      if (isTraining()) {
        Tensor m = mat.detach();
        for (int i = 0; i < iterations; i++) {
          v.copyFrom(normalize(m.t().matmul(u)));
          u.copyFrom(normalize(m.matmul(v)));
        }
      }
      // copies: the next call updates u and v in place while this call's backward still needs them
      uc = u.copy();
      vc = v.copy();
    }
    Tensor sigma = mat.matmul(vc).mul(uc).sum();
    return w.div(sigma);
  }

  /** The weight as a matrix: dimension {@code dim} as rows, the others flattened in order. */
  private Tensor matrix(Tensor w) {
    Tensor m = w;
    if (dim != 0) {
      int[] order = new int[w.dim()];
      order[0] = dim;
      for (int i = 0, k = 1; i < w.dim(); i++) if (i != dim) order[k++] = i;
      m = w.permute(order);
    }
    return m.reshape(m.size(0), -1);
  }

  /** {@code x / max(‖x‖, eps)}, as {@code torch.nn.functional.normalize}. */
  private Tensor normalize(Tensor x) {
    double ss = 0;
    for (float e : x.toArray()) ss += (double) e * e;
    return x.mul((float) (1 / Math.max(Math.sqrt(ss), eps)));
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    Map<String, Parameter> m = new LinkedHashMap<>(layer.localParameters());
    m.remove("weight");
    m.put("weight_orig", weighted.weight());
    return m;
  }

  @Override
  protected Map<String, Tensor> localBuffers() {
    Map<String, Tensor> m = new LinkedHashMap<>(layer.localBuffers());
    m.put("weight_u", u);
    m.put("weight_v", v);
    return m;
  }

  @Override
  public int[] outputShape(int[] in) {
    return layer.outputShape(in);
  }

  @Override
  public String toString() {
    return "SpectralNorm(" + layer + ")";
  }
}
