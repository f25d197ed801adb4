package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.kernels.Bernoulli;
import dev.dendrite.kernels.Parallel;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A restricted Boltzmann machine with Bernoulli hidden units and Bernoulli (by default) or
 * unit-variance Gaussian visible units (Smolensky 1986, Hinton 2002), holding its state as
 * scikit-learn's {@code BernoulliRBM} does: {@code components_} (H, V), {@code intercept_hidden_}
 * (H), {@code intercept_visible_} (V), and, once a persistent chain is started, {@code h_samples_}
 * (B, H), so the state dict compares name by name with the estimator.
 *
 * <p>Energy E(v, h) = −v·b_v − h·b_h − hᵀWv; p(h_j = 1 | v) = σ(W_j·v + b_h,j), p(v_i = 1 | h) =
 * σ(W_{:,i}·h + b_v,i). Shapes: v (N, V), h (N, H). {@link #forward} is the hidden probabilities,
 * scikit-learn's {@code transform}. Everything but {@link #freeEnergy} runs without the tape.
 */
public final class RBM extends Module {
  private static final dev.dendrite.internal.Access.TensorData RAW =
      dev.dendrite.internal.Access.tensors();

  /**
   * The visible units' kind: Bernoulli (binary or [0, 1] data), or Gaussian with unit variance for
   * real-valued data standardised to unit variance per feature (Hinton 2012, §13.2).
   */
  public enum Visible {
    BERNOULLI,
    GAUSSIAN
  }

  private final Visible units;
  private final Parameter components; // (H, V)
  private final Parameter interceptHidden; // (H)
  private final Parameter interceptVisible; // (V)
  private Tensor chain; // (B, H) persistent hidden samples, or null

  /** Weights from N(0, 0.01²) and zero intercepts, as scikit-learn initializes them. */
  public RBM(int visible, int hidden, Rng rng) {
    this(visible, hidden, rng, Visible.BERNOULLI);
  }

  /** As {@link #RBM(int, int, Rng)} with visible units of the given kind. */
  public RBM(int visible, int hidden, Rng rng, Visible units) {
    this(
        Tensor.randn(rng, hidden, visible).mul(0.01f),
        Tensor.zeros(hidden),
        Tensor.zeros(visible),
        units);
  }

  /** An RBM with the given weights (H, V) and intercepts (H), (V); the values are copied. */
  public RBM(Tensor components, Tensor interceptHidden, Tensor interceptVisible) {
    this(components, interceptHidden, interceptVisible, Visible.BERNOULLI);
  }

  /** As {@link #RBM(Tensor, Tensor, Tensor)} with visible units of the given kind. */
  public RBM(Tensor components, Tensor interceptHidden, Tensor interceptVisible, Visible units) {
    if (units == null) throw new IllegalArgumentException("RBM: visible units must be given");
    this.units = units;
    if (components.dim() != 2
        || interceptHidden.dim() != 1
        || interceptVisible.dim() != 1
        || interceptHidden.size(0) != components.size(0)
        || interceptVisible.size(0) != components.size(1))
      throw new IllegalArgumentException(
          "RBM: components must be (H, V), intercepts (H) and (V); got "
              + Arrays.toString(components.shape())
              + ", "
              + Arrays.toString(interceptHidden.shape())
              + ", "
              + Arrays.toString(interceptVisible.shape()));
    this.components = new Parameter(components.copy());
    this.interceptHidden = new Parameter(interceptHidden.copy());
    this.interceptVisible = new Parameter(interceptVisible.copy());
  }

  public Visible visibleUnits() {
    return units;
  }

  public int visible() {
    return components.size(1);
  }

  public int hidden() {
    return components.size(0);
  }

  public Parameter components() {
    return components;
  }

  public Parameter interceptHidden() {
    return interceptHidden;
  }

  public Parameter interceptVisible() {
    return interceptVisible;
  }

  @Override
  protected Map<String, Parameter> localParameters() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put("components_", components);
    m.put("intercept_hidden_", interceptHidden);
    m.put("intercept_visible_", interceptVisible);
    return m;
  }

  // The chain is a buffer so that the trainer's checkpoints carry it with the weights: a resumed
  // persistent-CD run must go on from the same fantasy particles to end as the straight run.
  @Override
  protected Map<String, Tensor> localBuffers() {
    return chain == null ? Map.of() : Map.of("h_samples_", chain);
  }

  /**
   * The persistent chain's hidden samples (B, H), started at zeros (as scikit-learn) on first use;
   * updated in place, so a checkpoint loaded into the state dict reaches it.
   */
  public Tensor persistentChain(int batch) {
    if (chain == null) chain = Tensor.zeros(batch, hidden());
    if (chain.size(0) != batch)
      throw new IllegalArgumentException(
          "RBM: the persistent chain has " + chain.size(0) + " rows, asked for " + batch);
    return chain;
  }

  @Override
  public Tensor forward(Tensor v) {
    return hiddenProbabilities(v);
  }

  @Override
  public int[] outputShape(int[] in) {
    return new int[] {in[0], hidden()};
  }

  /** p(h = 1 | v) = σ(v Wᵀ + b_h): (N, V) → (N, H). */
  public Tensor hiddenProbabilities(Tensor v) {
    checkVisible(v);
    try (var off = Grad.disabled()) {
      return v.matmul(components.t()).add(interceptHidden).sigmoid();
    }
  }

  /**
   * p(v = 1 | h) = σ(h W + b_v) for Bernoulli units; for Gaussian units the mean of v given h, h W
   * + b_v: (N, H) → (N, V).
   */
  public Tensor visibleProbabilities(Tensor h) {
    try (var off = Grad.disabled()) {
      Tensor x = h.matmul(components).add(interceptVisible);
      return units == Visible.GAUSSIAN ? x : x.sigmoid();
    }
  }

  /** A Bernoulli sample of h given v. */
  public Tensor sampleHidden(Tensor v, Rng rng) {
    Tensor p = hiddenProbabilities(v);
    return bernoulli(p, rng);
  }

  /** A sample of v given h: Bernoulli, or the mean plus N(0, 1) noise for Gaussian units. */
  public Tensor sampleVisible(Tensor h, Rng rng) {
    Tensor p = visibleProbabilities(h);
    if (units == Visible.GAUSSIAN) {
      try (var off = Grad.disabled()) {
        return p.add(Tensor.randn(rng, p.shape()));
      }
    }
    return bernoulli(p, rng);
  }

  /**
   * 1 where {@code uniform < p}, else 0: scikit-learn's sampling rule, with the uniform draws
   * given.
   */
  public static Tensor bernoulli(Tensor p, Tensor uniform) {
    try (var off = Grad.disabled()) {
      return uniform.lt(p);
    }
  }

  /**
   * 1 where a uniform draw of {@code rng} is below {@code p}, else 0: {@code bernoulli(p,
   * Tensor.rand(rng, p.shape()))} bit for bit, leaving {@code rng} where that leaves it, but in one
   * pass split over the thread pool and without the draws' tensor ({@link Bernoulli}).
   */
  public static Tensor bernoulli(Tensor p, Rng rng) {
    Tensor pc = p.contiguous();
    float[] src = RAW.array(pc), out = new float[pc.numel()];
    int off = RAW.offset(pc);
    long state = rng.state();
    Parallel.forRange(
        out.length,
        1 << 14,
        (from, to) -> Bernoulli.below(state, from, src, off + from, out, from, to - from));
    rng.skip(out.length);
    return Tensor.wrap(out, p.shape());
  }

  /**
   * {@code k} steps of block Gibbs sampling v → h → v from {@code v}; returns the last v sample.
   */
  public Tensor gibbs(Tensor v, int k, Rng rng) {
    if (k < 1) throw new IllegalArgumentException("RBM: gibbs needs k >= 1, got " + k);
    for (int i = 0; i < k; i++) v = sampleVisible(sampleHidden(v, rng), rng);
    return v;
  }

  /**
   * F(v) = −v·b_v − Σ_j softplus(W_j·v + b_h,j) for Bernoulli units, ½‖v − b_v‖² − Σ_j
   * softplus(W_j·v + b_h,j) for Gaussian ones, per row: (N, V) → (N). Recorded on the tape when
   * grad is on (its gradient difference between data and samples is the CD direction).
   */
  public Tensor freeEnergy(Tensor v) {
    checkVisible(v);
    Tensor x = v.matmul(components.t()).add(interceptHidden);
    Tensor visibleTerm =
        units == Visible.GAUSSIAN
            ? v.sub(interceptVisible).square().sum(1).mul(0.5f)
            : v.matmul(interceptVisible.unsqueeze(1)).squeeze(1).neg();
    return visibleTerm.sub(softplus(x).sum(1));
  }

  /**
   * scikit-learn's {@code score_samples}: per row, V · log σ(F(ṽ) − F(v)), where ṽ is v with one
   * visible unit, drawn uniformly from {@code rng}, flipped.
   */
  public Tensor pseudoLikelihood(Tensor v, Rng rng) {
    int[] flip = new int[v.size(0)];
    for (int i = 0; i < flip.length; i++) flip[i] = rng.nextInt(visible());
    return pseudoLikelihood(v, flip);
  }

  /** As {@link #pseudoLikelihood(Tensor, Rng)} with unit {@code flip[i]} of row i flipped. */
  public Tensor pseudoLikelihood(Tensor v, int[] flip) {
    checkVisible(v);
    if (units == Visible.GAUSSIAN)
      throw new IllegalArgumentException(
          "RBM: the pseudo-likelihood flips binary units; Gaussian visible units have none");
    if (flip.length != v.size(0))
      throw new IllegalArgumentException(
          "RBM: " + flip.length + " flipped units for " + v.size(0) + " rows");
    float[] idx = new float[flip.length];
    for (int i = 0; i < flip.length; i++) {
      if (flip[i] < 0 || flip[i] >= visible())
        throw new IllegalArgumentException(
            "RBM: flipped unit " + flip[i] + " outside 0.." + (visible() - 1));
      idx[i] = flip[i];
    }
    try (var off = Grad.disabled()) {
      Tensor mask = Tensor.oneHot(Tensor.of(idx), visible());
      Tensor flipped = v.add(mask.mul(v.mul(-2f).add(1f))); // v + mask·(1 − 2v)
      Tensor gap = freeEnergy(flipped).sub(freeEnergy(v));
      return softplus(gap.neg()).neg().mul(visible()); // log σ(x) = −softplus(−x)
    }
  }

  /** Mean squared error of the mean-field reconstruction p(v | p(h | v)) against v. */
  public double reconstructionError(Tensor v) {
    try (var off = Grad.disabled()) {
      return visibleProbabilities(hiddenProbabilities(v)).sub(v).square().mean().item();
    }
  }

  /** log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|), which neither overflows nor loses large x. */
  static Tensor softplus(Tensor x) {
    return x.relu().add(x.abs().neg().exp().add(1f).log());
  }

  private void checkVisible(Tensor v) {
    if (v.dim() != 2 || v.size(1) != visible())
      throw new IllegalArgumentException(
          "RBM: expected visible units (N, " + visible() + "), got " + Arrays.toString(v.shape()));
  }

  /**
   * Rebuilds an RBM from what {@link #spec()} writes; a persistent chain of {@code chain} rows is
   * made for the state dict to fill, so that a saved PCD run goes on from its fantasy particles.
   */
  public static final SpecReader SPEC =
      new SpecReader(
          "RBM",
          (f, rng) -> {
            String kind = f.string("units", "bernoulli");
            Visible units;
            try {
              units = Visible.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  f.where() + ": \"units\" must be bernoulli or gaussian, got " + kind);
            }
            RBM rbm = new RBM(f.integer("visible"), f.integer("hidden"), rng, units);
            int chain = f.integer("chain", 0);
            if (chain > 0) rbm.persistentChain(chain);
            return rbm;
          });

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "RBM");
    m.put("visible", visible());
    m.put("hidden", hidden());
    m.put("units", units.name().toLowerCase(Locale.ROOT));
    if (chain != null) m.put("chain", chain.size(0));
    return m;
  }

  @Override
  public String toString() {
    return "RBM(visible="
        + visible()
        + (units == Visible.GAUSSIAN ? " gaussian" : "")
        + ", hidden="
        + hidden()
        + ")";
  }
}
