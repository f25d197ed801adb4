package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.SpecReader;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.loss.BCEWithLogitsLoss;
import dev.dendrite.nn.loss.Reduction;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Stateful;
import dev.dendrite.train.TrainStep;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A variational autoencoder (Kingma and Welling 2014) for data in [0, 1], laid out as PyTorch's VAE
 * example: a dense encoder {@code Linear(v, h), act} to the two heads {@code mu} and {@code
 * logvar}, {@code Linear(h, z)} each; the reparameterised code {@code z = μ + σ·ε}, {@code σ =
 * exp(½ log σ²)}, {@code ε ~ N(0, I)}; and a decoder {@code Linear(z, h), act, Linear(h, v)} whose
 * outputs are the logits of independent Bernoulli pixels, {@link #decode} their means.
 *
 * <p>The loss is the negative ELBO per example, averaged over the batch: the binary cross-entropy
 * summed over the pixels plus {@code KL(q(z|x) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²)} summed
 * over the code. The cross-entropy is computed from the logits (as {@link BCEWithLogitsLoss}), the
 * same value as PyTorch's {@code binary_cross_entropy} of the sigmoid but finite where the sigmoid
 * saturates (in gradient too). PyTorch's example sums both over the batch as well and reports the
 * sum divided by the number of examples, which is this figure; its gradients are N times these.
 *
 * <p>The noise ε is an argument, so a caller (a test, a gradient check) can fix it; {@link Step}
 * draws it from its own seeded generator, whose state rides in checkpoints.
 */
public final class VariationalAutoencoder extends Module {
  private final int visible, hiddenSize, latent;
  private final Autoencoder.Hidden hidden;
  private final Sequential encoder, decoder;
  private final Linear mu, logVar;

  /** Layers initialised as {@link Linear} initialises them, from {@code rng}. */
  public VariationalAutoencoder(
      int visible, int hiddenSize, int latent, Autoencoder.Hidden hidden, Rng rng) {
    if (visible < 1 || hiddenSize < 1 || latent < 1)
      throw new IllegalArgumentException(
          "VariationalAutoencoder: sizes must be >= 1, got visible "
              + visible
              + ", hidden "
              + hiddenSize
              + ", latent "
              + latent);
    this.visible = visible;
    this.hiddenSize = hiddenSize;
    this.latent = latent;
    this.hidden = hidden;
    this.encoder = new Sequential(List.of(new Linear(visible, hiddenSize, rng), activation()));
    this.mu = new Linear(hiddenSize, latent, rng);
    this.logVar = new Linear(hiddenSize, latent, rng);
    this.decoder =
        new Sequential(
            List.of(
                new Linear(latent, hiddenSize, rng),
                activation(),
                new Linear(hiddenSize, visible, rng)));
  }

  private Module activation() {
    return hidden == Autoencoder.Hidden.SIGMOID ? new Sigmoid() : new ReLU();
  }

  /** The posterior q(z|x) of a batch: its means and log variances, (N, latent) each. */
  public record Posterior(Tensor mu, Tensor logVar) {}

  /** q(z|x) for {@code x} (N, visible). */
  public Posterior encode(Tensor x) {
    if (x.dim() != 2 || x.size(1) != visible)
      throw new IllegalArgumentException(
          "VariationalAutoencoder: expects (N, "
              + visible
              + ") input, got shape "
              + java.util.Arrays.toString(x.shape()));
    Tensor h = encoder.forward(x);
    return new Posterior(mu.forward(h), logVar.forward(h));
  }

  /** {@code z = μ + exp(½ log σ²)·ε}, differentiable in μ and log σ². */
  public static Tensor reparameterize(Posterior q, Tensor eps) {
    return q.mu().add(q.logVar().mul(0.5f).exp().mul(eps));
  }

  /** The Bernoulli means p(x|z), (N, latent) → (N, visible), in (0, 1). */
  public Tensor decode(Tensor z) {
    return decoder.forward(z).sigmoid();
  }

  /** The reconstruction from the posterior mean: {@code decode(μ)}, no noise. */
  @Override
  public Tensor forward(Tensor x) {
    return decode(encode(x).mu());
  }

  /** {@code −½ Σ (1 + log σ² − μ² − σ²)} over the code, averaged over the batch: a scalar. */
  public static Tensor kl(Posterior q) {
    Tensor lv = q.logVar();
    Tensor terms = lv.add(1f).sub(q.mu().square()).sub(lv.exp());
    return terms.sum().mul(-0.5f / q.mu().size(0));
  }

  /**
   * The loss of {@code x} (N, visible) in [0, 1] with noise {@code eps} (N, latent): the terms
   * {@code loss} (reconstruction + KL, a scalar with a tape), {@code reconstruction}, {@code kl}
   * and the Bernoulli means {@code output}.
   */
  public record Loss(Tensor loss, Tensor reconstruction, Tensor kl, Tensor output) {}

  public Loss loss(Tensor x, Tensor eps) {
    Posterior q = encode(x);
    if (eps.dim() != 2 || eps.size(0) != x.size(0) || eps.size(1) != latent)
      throw new IllegalArgumentException(
          "VariationalAutoencoder: noise must be ("
              + x.size(0)
              + ", "
              + latent
              + "), got "
              + java.util.Arrays.toString(eps.shape()));
    // The cross-entropy of the logits: float32 sigmoids of clean binary data reach exactly 0 or
    // 1, where the probabilities' log has an infinite derivative and the gradient becomes NaN.
    Tensor logits = decoder.forward(reparameterize(q, eps));
    Tensor rec =
        new BCEWithLogitsLoss(null, null, Reduction.SUM).apply(logits, x).mul(1f / x.size(0));
    Tensor k = kl(q);
    return new Loss(rec.add(k), rec, k, logits.sigmoid());
  }

  /** {@code n} draws of N(0, I) from {@code rng}, decoded: (n, visible) in [0, 1], no tape. */
  public Tensor sample(int n, Rng rng) {
    if (n < 1)
      throw new IllegalArgumentException("VariationalAutoencoder: n must be >= 1, got " + n);
    try (var off = Grad.disabled()) {
      return decode(Tensor.randn(rng, n, latent));
    }
  }

  /**
   * {@code val_loss} (the negative ELBO per example), {@code val_reconstruction} and {@code val_kl}
   * on {@code data}, in evaluation mode and without the tape; the noise is drawn from {@code seed}
   * afresh at each call, so epochs are compared on the same ε.
   */
  public Validation validation(Tensor data, long seed) {
    return () -> {
      boolean was = isTraining();
      eval();
      try (var off = Grad.disabled()) {
        Loss l = loss(data, Tensor.randn(new Rng(seed), data.size(0), latent));
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_loss", (double) l.loss().item());
        m.put("val_reconstruction", (double) l.reconstruction().item());
        m.put("val_kl", (double) l.kl().item());
        return m;
      } finally {
        if (was) train();
      }
    };
  }

  public int visible() {
    return visible;
  }

  public int latent() {
    return latent;
  }

  @Override
  public Map<String, Module> children() {
    Map<String, Module> m = new LinkedHashMap<>();
    m.put("encoder", encoder);
    m.put("mu", mu);
    m.put("logvar", logVar);
    m.put("decoder", decoder);
    return m;
  }

  /** Rebuilds a VAE from what {@link #spec()} writes. */
  public static final SpecReader SPEC =
      new SpecReader(
          "VariationalAutoencoder",
          (f, rng) ->
              new VariationalAutoencoder(
                  f.integer("visible"),
                  f.integer("hidden"),
                  f.integer("latent"),
                  Autoencoder.hiddenOf(f.string("activation", "relu"), f.where()),
                  rng));

  @Override
  public Map<String, Object> spec() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "VariationalAutoencoder");
    m.put("visible", visible);
    m.put("hidden", hiddenSize);
    m.put("latent", latent);
    m.put("activation", hidden.name().toLowerCase(Locale.ROOT));
    return m;
  }

  @Override
  public String toString() {
    return "VariationalAutoencoder(visible="
        + visible
        + ", hidden="
        + hiddenSize
        + ", latent="
        + latent
        + ", "
        + hidden.name().toLowerCase(Locale.ROOT)
        + ")";
  }

  /**
   * One VAE step: ε drawn from the step's generator, the loss of the batch's features, backward,
   * one optimizer step, gradients zeroed. The generator's state is saved in checkpoints, so a
   * resumed run draws the same ε as an uninterrupted one.
   */
  public static final class Step implements TrainStep<DataLoader.Batch>, Stateful {
    private final VariationalAutoencoder model;
    private final Optimizer opt;
    private final Rng rng;

    public Step(VariationalAutoencoder model, Optimizer opt, Rng rng) {
      this.model = model;
      this.opt = opt;
      this.rng = rng;
    }

    @Override
    public Outcome run(DataLoader.Batch batch) {
      Tensor x = batch.features();
      Loss l = model.loss(x, Tensor.randn(rng, x.size(0), model.latent));
      float lv = l.loss().item();
      if (!Float.isFinite(lv)) throw new Trainer.Diverged("the loss became " + lv);
      l.loss().backward();
      opt.step();
      opt.zeroGrad();
      return new Outcome(lv, batch.size(), l.output(), x);
    }

    @Override
    public List<Optimizer> optimizers() {
      return List.of(opt);
    }

    @Override
    public String key() {
      return "vae";
    }

    @Override
    public Map<String, Double> state() {
      return Stateful.rngState(rng);
    }

    @Override
    public void restore(Map<String, Double> state) {
      Stateful.restoreRng(rng, state);
    }
  }
}
