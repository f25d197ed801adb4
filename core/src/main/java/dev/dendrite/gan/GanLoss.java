package dev.dendrite.gan;

import dev.dendrite.tensor.Tensor;

/**
 * The objective of the two networks, on the discriminator's logits (its output before a sigmoid;
 * for the Wasserstein form, the critic's score).
 *
 * <ul>
 *   <li>{@link #MINIMAX}: Goodfellow et al.'s min-max game. D minimises −log D(x) − log(1 −
 *       D(G(z))); G minimises log(1 − D(G(z))), whose gradient vanishes while D rejects the fakes.
 *   <li>{@link #NON_SATURATING}: the same D; G minimises −log D(G(z)) instead (the same fixed
 *       point, strong gradients early on). PyTorch's DCGAN example uses this form.
 *   <li>{@link #WASSERSTEIN}: the WGAN critic maximises E[D(x)] − E[D(G(z))] (it minimises the
 *       negation), G minimises −E[D(G(z))]; pair it with {@link GradientPenalty}.
 * </ul>
 */
public enum GanLoss {
  MINIMAX,
  NON_SATURATING,
  WASSERSTEIN;

  /**
   * The discriminator's loss on logits of a real and a fake batch; {@code realLabel} is the target
   * of real examples (1, or e.g. 0.9 for one-sided label smoothing; fakes keep 0). Ignored by the
   * Wasserstein form.
   */
  public Tensor discriminator(Tensor real, Tensor fake, float realLabel) {
    if (this == WASSERSTEIN) return fake.mean().sub(real.mean());
    // BCE with logits: y·softplus(−x) + (1 − y)·softplus(x), averaged over each batch.
    Tensor onReal = softplus(real.neg()).mul(realLabel).add(softplus(real).mul(1f - realLabel));
    return onReal.mean().add(softplus(fake).mean());
  }

  /** The generator's loss on the discriminator's logits of a fake batch. */
  public Tensor generator(Tensor fake) {
    return switch (this) {
      case MINIMAX -> softplus(fake).mean().neg(); // log(1 − σ(x)) = −softplus(x)
      case NON_SATURATING -> softplus(fake.neg()).mean(); // −log σ(x)
      case WASSERSTEIN -> fake.mean().neg();
    };
  }

  /** log(1 + eˣ) in the stable form max(x, 0) + log(1 + e^{−|x|}). */
  static Tensor softplus(Tensor x) {
    return x.relu().add(x.abs().neg().exp().add(1f).log());
  }

  /** The name used on the command line and in the metrics: minimax, non-saturating, wasserstein. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The form named by {@link #label()}. */
  public static GanLoss parse(String s) {
    for (GanLoss l : values()) if (l.label().equals(s)) return l;
    throw new IllegalArgumentException(
        "unknown GAN loss \"" + s + "\" (known: minimax, non-saturating, wasserstein)");
  }
}
