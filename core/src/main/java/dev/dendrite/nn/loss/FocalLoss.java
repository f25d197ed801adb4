package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;

/**
 * Focal loss (Lin et al., 2017, "Focal Loss for Dense Object Detection") in its softmax form for
 * multi-class logits: {@code FL = −α_t · (1 − p_t)^γ · log p_t}, where {@code p_t} is the softmax
 * probability of the true class. The factor {@code (1 − p_t)^γ} shrinks the loss of examples the
 * model already gets right, so the rare, hard ones dominate the gradient. With γ = 0 and no α it is
 * cross-entropy.
 *
 * <p>torchvision's {@code sigmoid_focal_loss} is the binary (one sigmoid per class) form of the
 * paper, with a scalar α for the positive class; this is the softmax form (as kornia's {@code
 * focal_loss}), with α, when given, one weight per class ({@code α_t = α[target]}).
 *
 * <p>Input logits (N, C), targets class indices (N) as floats. Targets equal to −100 are ignored;
 * MEAN divides by the number of counted targets (not by Σα, unlike weighted cross-entropy).
 *
 * @param gamma the focusing parameter γ ≥ 0 (the paper's default 2)
 * @param alpha per-class weights (C), or null for none
 */
public record FocalLoss(double gamma, Tensor alpha, Reduction reduction) implements Loss {
  public FocalLoss {
    if (!(gamma >= 0))
      throw new IllegalArgumentException("FocalLoss: gamma must be >= 0, got " + gamma);
  }

  /** γ = 2, no α, mean: the paper's setting. */
  public FocalLoss() {
    this(2, null, Reduction.MEAN);
  }

  public FocalLoss withGamma(double g) {
    return new FocalLoss(g, alpha, reduction);
  }

  public FocalLoss withAlpha(Tensor a) {
    return new FocalLoss(gamma, a, reduction);
  }

  public FocalLoss withReduction(Reduction r) {
    return new FocalLoss(gamma, alpha, r);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    if (input.dim() != 2)
      throw new IllegalArgumentException(
          "FocalLoss: input must be logits (N, C), got " + Shape.str(input.shape()));
    Tensor logp = input.logSoftmax(1);
    // −log p_t, and 1 for each counted target (0 for ignored ones)
    Tensor[] ce = NLLLoss.picked("FocalLoss", logp, target.reshape(-1), null, -100);
    Tensor nll = ce[0], counted = ce[1];
    Tensor pt = nll.neg().exp();
    Tensor perRow = gamma == 0 ? nll : pt.neg().add(1f).clamp(0f, 1f).pow((float) gamma).mul(nll);
    if (alpha != null)
      perRow = perRow.mul(NLLLoss.picked("FocalLoss", logp, target.reshape(-1), alpha, -100)[1]);
    return switch (reduction) {
      case NONE -> perRow;
      case SUM -> perRow.sum();
      case MEAN -> perRow.sum().div(counted.sum());
    };
  }
}
