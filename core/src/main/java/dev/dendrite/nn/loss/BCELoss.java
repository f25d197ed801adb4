package dev.dendrite.nn.loss;

import dev.dendrite.ops.BinaryCrossEntropy;
import dev.dendrite.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities: {@code −w·[y·log x + (1 − y)·log(1 − x)]}, each log
 * clamped at −100 as PyTorch does so that x = 0 or 1 gives a finite loss, and PyTorch's gradient
 * {@code w·(x − y) / max(x·(1 − x), 10⁻¹²)}, finite there too. Prefer {@link BCEWithLogitsLoss} on
 * raw scores: it is stable where the sigmoid saturates.
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
    Tensor l = BinaryCrossEntropy.elementwise(input, target);
    return reduction.reduce(weight == null ? l : l.mul(weight));
  }
}
