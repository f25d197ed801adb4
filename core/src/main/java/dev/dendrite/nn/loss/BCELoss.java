package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities: {@code −w·[y·log x + (1 − y)·log(1 − x)]}, each log
 * clamped at −100 as PyTorch does so that x = 0 or 1 gives a finite loss. Prefer {@link
 * BCEWithLogitsLoss} on raw scores: it is stable where the sigmoid saturates.
 *
 * @param weight per-element rescaling (broadcast), or null
 */
public record BCELoss(Tensor weight, Reduction reduction) implements Loss {
  public BCELoss() {
    this(null, Reduction.MEAN);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("BCELoss", input, target);
    Tensor logX = input.log().clamp(-100f, Float.POSITIVE_INFINITY);
    Tensor log1mX = Tensor.scalar(1f).sub(input).log().clamp(-100f, Float.POSITIVE_INFINITY);
    Tensor l = target.mul(logX).add(Tensor.scalar(1f).sub(target).mul(log1mX)).neg();
    return reduction.reduce(weight == null ? l : l.mul(weight));
  }
}
