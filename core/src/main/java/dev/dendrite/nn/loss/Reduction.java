package dev.dendrite.nn.loss;

import dev.dendrite.tensor.Tensor;

/** How per-element losses become the result, as PyTorch's {@code reduction=}. */
public enum Reduction {
  /**
   * The mean over elements (losses with class weights divide by the weights instead; see each
   * loss).
   */
  MEAN,
  /** The sum. */
  SUM,
  /** No reduction: one loss per element. */
  NONE;

  Tensor reduce(Tensor perElement) {
    return switch (this) {
      case MEAN -> perElement.mean();
      case SUM -> perElement.sum();
      case NONE -> perElement;
    };
  }
}
