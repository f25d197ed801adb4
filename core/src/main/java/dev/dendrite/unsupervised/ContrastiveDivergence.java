package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.ops.Dense;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Stateful;
import dev.dendrite.train.TrainStep;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training step of an {@link RBM}: contrastive divergence, CD-k (Hinton 2002), or persistent CD
 * (Tieleman 2008), whose fantasy particles go on from one update to the next. With {@code k = 1},
 * persistence on, no momentum and no weight decay it is scikit-learn's {@code BernoulliRBM._fit}:
 *
 * <pre>
 * h⁺ = p(h | v⁺)                         positive phase, from the data
 * v⁻ ~ p(v | h),  h⁻ = p(h | v⁻)           negative phase, k Gibbs steps from the chain
 * ∇W = −(h⁺ᵀv⁺ − h⁻ᵀv⁻) / B + λ·W,   ∇b_h = −Σ(h⁺ − h⁻) / B,   ∇b_v = −Σ(v⁺ − v⁻) / B
 * chain ← Bernoulli(h⁻)                   (persistent only)
 * </pre>
 *
 * B is the batch's rows and λ the weight decay (weights only, not intercepts). The gradients go to
 * an {@link SGD} optimizer with the rate and momentum, which the trainer schedules and checkpoints.
 * The reported loss is the batch's reconstruction error before the update.
 *
 * <p>Its generator's state rides in checkpoints (it is {@link Stateful}, which the trainer saves
 * for its step); the persistent chain rides in the model's state dict ({@code h_samples_}). Both
 * are needed for a resumed run to end bit for bit as an uninterrupted one.
 */
public final class ContrastiveDivergence implements TrainStep<DataLoader.Batch>, Stateful {
  /**
   * @param k Gibbs steps in the negative phase
   * @param persistent keep the chain between updates (PCD) rather than start it at the data
   * @param lr learning rate
   * @param momentum SGD momentum (0: none, as scikit-learn)
   * @param weightDecay L2 penalty on the weights
   */
  public record Config(int k, boolean persistent, double lr, double momentum, double weightDecay) {
    public Config {
      if (k < 1) throw new IllegalArgumentException("CD: k must be >= 1, got " + k);
      if (!(lr > 0)) throw new IllegalArgumentException("CD: lr must be > 0, got " + lr);
      if (!(momentum >= 0 && momentum < 1))
        throw new IllegalArgumentException("CD: momentum must be in [0, 1), got " + momentum);
      if (!(weightDecay >= 0))
        throw new IllegalArgumentException("CD: weight decay must be >= 0, got " + weightDecay);
    }

    /** scikit-learn's rule: PCD-1, no momentum, no weight decay. */
    public static Config pcd(double lr) {
      return new Config(1, true, lr, 0, 0);
    }

    /** CD-k from the data, no momentum, no weight decay. */
    public static Config cd(int k, double lr) {
      return new Config(k, false, lr, 0, 0);
    }

    public Config withK(int k) {
      return new Config(k, persistent, lr, momentum, weightDecay);
    }

    public Config withMomentum(double m) {
      return new Config(k, persistent, lr, m, weightDecay);
    }

    public Config withWeightDecay(double wd) {
      return new Config(k, persistent, lr, momentum, wd);
    }
  }

  /** Uniform draws on [0, 1) of a given shape: the step's only source of randomness. */
  @FunctionalInterface
  public interface Uniforms {
    Tensor next(int... shape);

    /** 1 where a draw is below {@code p}, else 0: {@link RBM#bernoulli} of the next draws. */
    default Tensor bernoulli(Tensor p) {
      return RBM.bernoulli(p, next(p.shape()));
    }

    /**
     * Standard normal draws of a given shape from two of uniform ones (Box–Muller), so that
     * Gaussian visible units take their noise from the same source.
     */
    default Tensor normals(int... shape) {
      float[] a = next(shape).toArray(), b = next(shape).toArray();
      float[] z = new float[a.length];
      for (int i = 0; i < z.length; i++)
        z[i] = (float) (Math.sqrt(-2 * Math.log1p(-a[i])) * Math.cos(2 * Math.PI * b[i]));
      return Tensor.of(z, shape);
    }
  }

  /** The draws of a generator, Bernoulli samples taken in one fused pass with the same values. */
  private record FromRng(Rng rng) implements Uniforms {
    @Override
    public Tensor next(int... shape) {
      return Tensor.rand(rng, shape);
    }

    @Override
    public Tensor bernoulli(Tensor p) {
      return RBM.bernoulli(p, rng);
    }
  }

  private final RBM rbm;
  private final Config cfg;
  private final int batchSize;
  private final Rng rng;
  private final Optimizer opt;

  /**
   * A step for batches of up to {@code batchSize} rows (the persistent chain has that many
   * particles, as scikit-learn's {@code h_samples_}); {@code rng} draws every sample.
   */
  public ContrastiveDivergence(RBM rbm, Config cfg, int batchSize, Rng rng) {
    this.rbm = rbm;
    this.cfg = cfg;
    this.batchSize = batchSize;
    this.rng = rng;
    this.opt = new SGD(cfg.lr()).withMomentum(cfg.momentum()).create(rbm.parameters());
    // Made now, so that a checkpoint loaded before the first step finds the buffer to fill.
    if (cfg.persistent()) rbm.persistentChain(batchSize);
  }

  @Override
  public Outcome run(DataLoader.Batch batch) {
    Tensor v = batch.features();
    if (v.dim() != 2) v = v.flatten(1, v.dim() - 1);
    double err = update(v, new FromRng(rng));
    return new Outcome(err, v.size(0), null, null);
  }

  /**
   * One update on the data {@code v} (B, V), in [0, 1] for Bernoulli visible units, every sample
   * drawn from {@code uniforms} in a fixed order (hidden from the data for CD; then per Gibbs step
   * visible, then hidden except after the last; then the new chain for PCD; Gaussian visible noise
   * takes two draws, {@link Uniforms#normals}). Returns the reconstruction error before it.
   */
  public double update(Tensor v, Uniforms uniforms) {
    if (rbm.visibleUnits() == RBM.Visible.BERNOULLI) checkUnitInterval(v);
    else checkFinite(v);
    int n = v.size(0);
    if (n > batchSize)
      throw new IllegalArgumentException(
          "CD: a batch of " + n + " rows for a step made for " + batchSize);
    try (var off = Grad.disabled()) {
      Tensor hPos = rbm.hiddenProbabilities(v);
      Tensor h = cfg.persistent() ? rbm.persistentChain(batchSize) : uniforms.bernoulli(hPos);
      // The data's reconstruction and the first negative visible step share one product: a
      // (n + B)-row matrix keeps the kernel's tiles fuller than two of n and B rows.
      Tensor both = rbm.visibleProbabilities(Tensor.cat(0, hPos, h));
      double err = both.slice(0, 0, n).sub(v).square().mean().item();
      if (!Double.isFinite(err))
        throw new Trainer.Diverged("the reconstruction error became " + err);
      Tensor vNeg = null, hNeg = null;
      for (int i = 0; i < cfg.k(); i++) {
        Tensor pv = i == 0 ? both.slice(0, n, both.size(0)) : rbm.visibleProbabilities(h);
        vNeg =
            rbm.visibleUnits() == RBM.Visible.GAUSSIAN
                ? pv.add(uniforms.normals(pv.shape()))
                : uniforms.bernoulli(pv);
        hNeg = rbm.hiddenProbabilities(vNeg);
        if (i < cfg.k() - 1) h = uniforms.bernoulli(hNeg);
      }
      if (cfg.persistent()) rbm.persistentChain(batchSize).copyFrom(uniforms.bernoulli(hNeg));

      // h⁺ᵀv⁺ − h⁻ᵀv⁻ as one product over the stacked phases, [h⁺; −h⁻]ᵀ[v⁺; v⁻], scaled on the
      // small factor: one pass over the (H, V) gradient instead of three.
      float scale = -1f / n;
      Tensor hs = Tensor.cat(0, hPos, hNeg.neg()).mul(scale);
      Tensor gW = Dense.weightGradient(hs, Tensor.cat(0, v, vNeg), rbm.components());
      if (cfg.weightDecay() > 0) gW = gW.add(rbm.components().mul((float) cfg.weightDecay()));
      rbm.components().setGrad(gW);
      rbm.interceptHidden().setGrad(hs.sum(0));
      rbm.interceptVisible().setGrad(v.sum(0).sub(vNeg.sum(0)).mul(scale));
      opt.step();
      opt.zeroGrad();
      return err;
    }
  }

  private static void checkFinite(Tensor v) {
    float lo = v.min().item(), hi = v.max().item();
    if (!Float.isFinite(lo) || !Float.isFinite(hi))
      throw new IllegalArgumentException(
          "CD: Gaussian visible units need finite features, found "
              + (Float.isFinite(lo) ? hi : lo));
  }

  private static void checkUnitInterval(Tensor v) {
    float lo = v.min().item(), hi = v.max().item();
    if (!(lo >= 0 && hi <= 1))
      throw new IllegalArgumentException(
          "CD: Bernoulli visible units need features in [0, 1], found "
              + (lo < 0 || Float.isNaN(lo) ? lo : hi)
              + "; scale the data first (divide by the maximum, or min-max scale each column)");
  }

  @Override
  public List<Optimizer> optimizers() {
    return List.of(opt);
  }

  @Override
  public String key() {
    return "cd";
  }

  @Override
  public Map<String, Double> state() {
    return Stateful.rngState(rng);
  }

  @Override
  public void restore(Map<String, Double> state) {
    Stateful.restoreRng(rng, state);
  }

  /**
   * {@code val_pseudo_likelihood}, {@code val_free_energy} (both row means) and {@code
   * val_reconstruction_error} of {@code rbm} on {@code data} (no pseudo-likelihood for Gaussian
   * visible units, which have no binary state to flip); the flipped units of the pseudo-likelihood
   * are drawn from {@code seed} afresh at each call, so epochs are compared on the same flips.
   */
  public static Validation validation(RBM rbm, Tensor data, long seed) {
    return () -> {
      boolean was = rbm.isTraining();
      rbm.eval();
      try (var off = Grad.disabled()) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (rbm.visibleUnits() == RBM.Visible.BERNOULLI)
          m.put(
              "val_pseudo_likelihood",
              (double) rbm.pseudoLikelihood(data, new Rng(seed)).mean().item());
        m.put("val_free_energy", (double) rbm.freeEnergy(data).mean().item());
        m.put("val_reconstruction_error", rbm.reconstructionError(data));
        return m;
      } finally {
        if (was) rbm.train();
      }
    };
  }
}
