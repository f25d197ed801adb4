package dev.dendrite.unsupervised;

import dev.dendrite.tensor.Tensor;

/**
 * The sparse autoencoder's penalty (Ng, CS294A notes): β·Σ_j KL(ρ ‖ ρ̂_j), where ρ̂_j is unit j's
 * mean activation over the batch and KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1−ρ) log((1−ρ)/(1−ρ̂)) is the
 * divergence between Bernoulli distributions. Built of tensor ops, so autograd gives its gradient.
 * The activations must lie in (0, 1), as a sigmoid's do.
 *
 * @param rho the target mean activation ρ, in (0, 1)
 * @param beta the penalty's weight β, >= 0
 */
public record SparsityPenalty(double rho, double beta) {
  public SparsityPenalty {
    if (!(rho > 0 && rho < 1))
      throw new IllegalArgumentException("sparsity: rho must be in (0, 1), got " + rho);
    if (!(beta >= 0))
      throw new IllegalArgumentException("sparsity: beta must be >= 0, got " + beta);
  }

  /** The penalty, a scalar, for hidden activations {@code h} (N, H). */
  public Tensor apply(Tensor h) {
    if (h.dim() != 2)
      throw new IllegalArgumentException(
          "sparsity: activations must be (N, H), got " + h.dim() + " dimensions");
    Tensor rhoHat = h.mean(0, false);
    float r = (float) rho;
    // ρ log ρ and (1−ρ) log(1−ρ) are constants; only the log ρ̂ terms carry a gradient.
    float constant = (float) (rho * Math.log(rho) + (1 - rho) * Math.log(1 - rho));
    Tensor kl = rhoHat.log().mul(-r).sub(rhoHat.neg().add(1).log().mul(1 - r)).add(constant);
    return kl.sum().mul((float) beta);
  }
}
