package dev.dendrite.nn.norm;

import dev.dendrite.autograd.Grad;
import dev.dendrite.nn.Fusion;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.MaxPool2d;
import dev.dendrite.ops.BatchNorm;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation of images (Ioffe & Szegedy 2015), PyTorch's BatchNorm2d: statistics per
 * channel over (N, H, W), M = N·H·W values each.
 *
 * <p>Training: {@code y = (x − μ_B)/√(σ²_B + eps)·weight + bias} with the batch's biased variance
 * σ²_B; the running statistics move as {@code running = (1 − momentum)·running + momentum·batch},
 * the variance with Bessel's correction, σ²_B·M/(M − 1). Evaluation uses the running statistics.
 * Without {@code trackRunningStats} there are no buffers and the batch statistics are used in both
 * modes; without {@code affine} there is no {@code weight} or {@code bias}. Parameters {@code
 * weight} (C) = 1, {@code bias} (C) = 0; buffers {@code running_mean} (C) = 0, {@code running_var}
 * (C) = 1, {@code num_batches_tracked} (a scalar). Defaults eps 1e-5, momentum 0.1.
 *
 * <p>Shapes: (N, C, H, W) → (N, C, H, W).
 */
public final class BatchNorm2d extends Module {
  private final int features;
  private final float eps, momentum;
  private final Parameter weight, bias;
  private final Tensor runningMean, runningVar, batches;

  public BatchNorm2d(int features) {
    this(features, 1e-5f, 0.1f, true, true);
  }

  public BatchNorm2d(
      int features, float eps, float momentum, boolean affine, boolean trackRunningStats) {
    if (features < 1)
      throw new IllegalArgumentException("BatchNorm2d: features must be >= 1, got " + features);
    if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm2d: eps must be > 0, got " + eps);
    if (!(momentum >= 0 && momentum <= 1))
      throw new IllegalArgumentException(
          "BatchNorm2d: momentum must be in [0, 1], got " + momentum);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? new Parameter(Tensor.ones(features)) : null;
    this.bias = affine ? new Parameter(Tensor.zeros(features)) : null;
    this.runningMean = trackRunningStats ? Tensor.zeros(features) : null;
    this.runningVar = trackRunningStats ? Tensor.ones(features) : null;
    this.batches = trackRunningStats ? Tensor.scalar(0f) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    return normalise(
        x,
        (xs, mean, var, batch) -> BatchNorm.batchNorm2d(xs, mean, var, weight, bias, eps, batch));
  }

  /**
   * In a Sequential, a ReLU after this layer, and a max pool after that, run with it as one op
   * ({@link BatchNorm2dReLU}, {@link BatchNorm2dReLUMaxPool2d}): the normalised and rectified maps
   * are never stored.
   */
  @Override
  protected Fusion fuse(List<Module> next) {
    if (next.isEmpty() || !(next.get(0) instanceof ReLU)) return null;
    if (next.size() > 1 && next.get(1) instanceof MaxPool2d pool && pool.square())
      return new Fusion(new BatchNorm2dReLUMaxPool2d(this, pool), 2);
    return new Fusion(new BatchNorm2dReLU(this), 1);
  }

  /** {@code relu(forward(x))} as one op, the same values bit for bit. */
  Tensor forwardRelu(Tensor x) {
    return normalise(
        x,
        (xs, mean, var, batch) ->
            BatchNorm.batchNorm2dRelu(xs, mean, var, weight, bias, eps, batch));
  }

  /** {@code pool(relu(forward(x)))} for a max pool, as one op; the same values bit for bit. */
  Tensor forwardReluMaxPool(Tensor x, MaxPool2d pool) {
    int[] os = pool.outputShape(outputShape(x.shape()));
    return normalise(
        x,
        (xs, mean, var, batch) ->
            BatchNorm.batchNorm2dReluMaxPool(
                xs,
                mean,
                var,
                weight,
                bias,
                eps,
                batch,
                pool.kernel(),
                pool.stride(),
                pool.padding(),
                os[2],
                os[3]));
  }

  /** The normalisation op, given the statistics and whether they are the batch's own. */
  @FunctionalInterface
  private interface Normalisation {
    Tensor apply(Tensor x, float[] mean, float[] var, boolean batchStats);
  }

  /** Picks the statistics, moves the running ones in training, and runs {@code op}. */
  private Tensor normalise(Tensor x, Normalisation op) {
    outputShape(x.shape());
    int n = x.size(0), s = x.size(2) * x.size(3);
    long m = (long) n * s;
    boolean batchStats = isTraining() || runningMean == null;
    if (isTraining() && m < 2) {
      throw new IllegalArgumentException(
          this
              + ": training needs more than one value per channel, got input "
              + Shape.str(x.shape()));
    }
    float[] mean, var;
    if (batchStats) {
      float[][] stats = BatchNorm.channelStats(x);
      mean = stats[0];
      var = stats[1];
      if (isTraining() && runningMean != null) updateRunning(mean, var, m);
    } else {
      mean = runningMean.toArray();
      var = runningVar.toArray();
    }
    return op.apply(x, mean, var, batchStats);
  }

  private void updateRunning(float[] mean, float[] var, long m) {
    float[] unbiased = new float[features];
    for (int ch = 0; ch < features; ch++) unbiased[ch] = (float) ((double) var[ch] * m / (m - 1));
    try (var off = Grad.disabled()) {
      runningMean.mulInPlace(1 - momentum).addInPlace(momentum, Tensor.of(mean, features));
      runningVar.mulInPlace(1 - momentum).addInPlace(momentum, Tensor.wrap(unbiased, features));
      batches.fill(batches.item() + 1);
    }
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    return weight == null ? Map.of() : weightAndBias(weight, bias);
  }

  @Override
  protected Map<String, Tensor> localBuffers() {
    if (runningMean == null) return Map.of();
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("running_mean", runningMean);
    m.put("running_var", runningVar);
    m.put("num_batches_tracked", batches);
    return m;
  }

  @Override
  public int[] outputShape(int[] in) {
    if (in.length != 4 || in[1] != features) {
      throw new IllegalArgumentException(
          this + " needs (N, " + features + ", H, W), got " + Shape.str(in));
    }
    return in.clone();
  }

  /** Rebuilds this layer from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "BatchNorm2d",
          (f, rng) ->
              new BatchNorm2d(
                  f.integer("features"),
                  (float) f.number("eps", 1e-5),
                  (float) f.number("momentum", 0.1),
                  f.bool("affine", true),
                  f.bool("trackRunningStats", true)));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "BatchNorm2d");
    m.put("features", features);
    m.put("eps", (double) eps);
    m.put("momentum", (double) momentum);
    m.put("affine", weight != null);
    m.put("trackRunningStats", runningMean != null);
    return m;
  }

  @Override
  public String toString() {
    return "BatchNorm2d("
        + features
        + ", eps="
        + eps
        + ", momentum="
        + momentum
        + (weight == null ? ", affine=false" : "")
        + (runningMean == null ? ", trackRunningStats=false" : "")
        + ")";
  }
}
