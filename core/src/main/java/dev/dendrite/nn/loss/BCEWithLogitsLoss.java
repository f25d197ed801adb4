package dev.dendrite.nn.loss;

import dev.dendrite.ops.Activations;
import dev.dendrite.tensor.Tensor;

/**
 * Binary cross-entropy on logits, in the stable form {@code (1 − y)·x + (1 + (p − 1)·y)·(log(1 +
 * e^{−|x|}) + max(−x, 0))}, p the positive weight (PyTorch's {@code pos_weight}, broadcast over the
 * last dimension; p = 1 without it).
 *
 * @param posWeight weight of positive examples per class, or null
 * @param weight per-element rescaling (broadcast), or null
 */
public record BCEWithLogitsLoss(Tensor posWeight, Tensor weight, Reduction reduction)
    implements Loss {
  public BCEWithLogitsLoss() {
    this(null, null, Reduction.MEAN);
  }

  public BCEWithLogitsLoss withPosWeight(Tensor p) {
    return new BCEWithLogitsLoss(p, weight, reduction);
  }

  public BCEWithLogitsLoss withReduction(Reduction r) {
    return new BCEWithLogitsLoss(posWeight, weight, r);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("BCEWithLogitsLoss", input, target);
    // log(1 + e^{−x}) as softplus(−x), whose gradient −σ(−x) is exact at x = 0 (the kinks of the
    // stable form would give 0 there instead of σ(0) − y).
    Tensor softplusNeg = Activations.softplus(input.neg(), 1f, Float.POSITIVE_INFINITY);
    Tensor scale = posWeight == null ? Tensor.scalar(1f) : target.mul(posWeight.sub(1f)).add(1f);
    Tensor l = Tensor.scalar(1f).sub(target).mul(input).add(scale.mul(softplusNeg));
    return reduction.reduce(weight == null ? l : l.mul(weight));
  }
}
