package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/**
 * Kullback–Leibler divergence, PyTorch's {@code KLDivLoss}: the input holds log-probabilities, the
 * target probabilities (or log-probabilities with {@code logTarget}); pointwise {@code y·(log y −
 * x)}, 0 where y = 0. The default reduction is PyTorch's {@code 'mean'}, over every element; the KL
 * divergence per example is {@link #batchmean()}.
 *
 * @param batchMean with MEAN, divide the sum by the batch size (the true KL divergence per example,
 *     PyTorch's {@code 'batchmean'}) instead of by the number of elements
 */
public record KLDivLoss(Reduction reduction, boolean batchMean, boolean logTarget) implements Loss {
  /** PyTorch's default, {@code reduction='mean'}: the mean over every element. */
  public KLDivLoss() {
    this(Reduction.MEAN, false, false);
  }

  /** {@code 'batchmean'}, the mathematically correct reduction: the sum over the batch size. */
  public static KLDivLoss batchmean() {
    return new KLDivLoss(Reduction.MEAN, true, false);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    Checks.sameShape("KLDivLoss", input, target);
    Tensor l;
    if (logTarget) {
      l = target.exp().mul(target.sub(input));
    } else {
      Tensor positive = target.gt(0f);
      Tensor safeLog =
          Tensor.where(positive, target, Tensor.scalar(1f)).log(); // log 1 = 0 where y = 0
      l = target.mul(safeLog.sub(input));
    }
    if (reduction == Reduction.MEAN && batchMean) return l.sum().div((float) input.size(0));
    return reduction.reduce(l);
  }
}
