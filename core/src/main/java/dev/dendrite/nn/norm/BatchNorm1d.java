package dev.dendrite.nn.norm;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch normalisation (Ioffe & Szegedy 2015) over the channel dimension of (N, C) or (N, C, L).
 *
 * <p>Training: {@code y = (x − μ_B)/√(σ²_B + eps)·weight + bias} with the batch's biased variance;
 * the running statistics are updated PyTorch's way, {@code running = (1 − momentum)·running +
 * momentum·batch}, the variance with Bessel's correction (unbiased). Evaluation uses the running
 * statistics. Parameters {@code weight} (C) = 1, {@code bias} (C) = 0, none without {@code affine}
 * (PyTorch's {@code affine=False}); buffers {@code running_mean}, {@code running_var}, {@code
 * num_batches_tracked}. Defaults eps 1e-5, momentum 0.1.
 */
public final class BatchNorm1d extends Module {
  private final int features;
  private final float eps, momentum;
  private final Parameter weight, bias;
  private final Tensor runningMean, runningVar, batches;

  public BatchNorm1d(int features) {
    this(features, 1e-5f, 0.1f);
  }

  public BatchNorm1d(int features, float eps, float momentum) {
    this(features, eps, momentum, true);
  }

  /** With {@code affine} false, no learnable {@code weight} and {@code bias}. */
  public BatchNorm1d(int features, float eps, float momentum, boolean affine) {
    if (features < 1)
      throw new IllegalArgumentException("BatchNorm1d: features must be >= 1, got " + features);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? new Parameter(Tensor.ones(features)) : null;
    this.bias = affine ? new Parameter(Tensor.zeros(features)) : null;
    this.runningMean = Tensor.zeros(features);
    this.runningVar = Tensor.ones(features);
    this.batches = Tensor.scalar(0f);
  }

  @Override
  public Tensor forward(Tensor x) {
    outputShape(x.shape());
    int[] dims = x.dim() == 2 ? new int[] {0} : new int[] {0, 2};
    int[] view = x.dim() == 2 ? new int[] {1, features} : new int[] {1, features, 1};
    Tensor mean, var;
    if (isTraining()) {
      mean = x.mean(dims, true);
      var = x.var(dims, 0, true);
      int n = x.numel() / features;
      try (var off = Grad.disabled()) {
        Tensor unbiased = var.reshape(features).mul(n > 1 ? (float) n / (n - 1) : 1f);
        runningMean
            .mulInPlace(1 - momentum)
            .addInPlace(momentum, mean.reshape(features).contiguous());
        runningVar.mulInPlace(1 - momentum).addInPlace(momentum, unbiased.contiguous());
        batches.fill(batches.item() + 1);
      }
    } else {
      mean = runningMean.reshape(view);
      var = runningVar.reshape(view);
    }
    Tensor xhat = x.sub(mean).div(var.add(eps).sqrt());
    if (weight == null) return xhat;
    return xhat.mul(weight.reshape(view)).add(bias.reshape(view));
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weight == null ? Map.of() : weightAndBias(weight, bias);
  }

  @Override
  protected Map<String, Tensor> localBuffers() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("running_mean", runningMean);
    m.put("running_var", runningVar);
    m.put("num_batches_tracked", batches);
    return m;
  }

  @Override
  public int[] outputShape(int[] in) {
    if ((in.length != 2 && in.length != 3) || in[1] != features) {
      throw new IllegalArgumentException(
          "BatchNorm1d("
              + features
              + ") needs (N, "
              + features
              + ") or (N, "
              + features
              + ", L), got "
              + Shape.str(in));
    }
    return in.clone();
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "BatchNorm1d",
          (f, rng) ->
              new BatchNorm1d(
                  f.integer("features"),
                  (float) f.number("eps", 1e-5),
                  (float) f.number("momentum", 0.1),
                  f.bool("affine", true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "BatchNorm1d");
    m.put("features", features);
    m.put("eps", (double) eps);
    m.put("momentum", (double) momentum);
    m.put("affine", weight != null);
    return m;
  }

  @Override
  public String toString() {
    return "BatchNorm1d("
        + features
        + ", eps="
        + eps
        + ", momentum="
        + momentum
        + (weight == null ? ", affine=false" : "")
        + ")";
  }
}
