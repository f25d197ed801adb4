package dev.dendrite.optim;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients. Call order per training step: forward, compute the loss,
 * {@code loss.backward()}, {@link #step()}, {@link #zeroGrad()}.
 *
 * <p>Works on any list of tensors that require grad (nn's parameters are such tensors); the package
 * does not depend on nn.
 */
public interface Optimizer {
  /** One update of every parameter that has a gradient; parameters without one are skipped. */
  void step();

  /** Forgets every parameter's gradient. */
  void zeroGrad();

  /** The current learning rate. */
  double lr();

  /** Sets the learning rate (schedules do this). */
  void setLr(double lr);

  /** The parameters, in order. */
  List<Tensor> params();

  /** Per-parameter state under PyTorch's names, keyed {@code "<index>.<name>"}, for checkpoints. */
  Map<String, Tensor> stateDict();

  /** Restores what {@link #stateDict()} returned (copies it). */
  void loadStateDict(Map<String, Tensor> state);

  /**
   * The kind and hyper-parameters it was made with, e.g. {@code SGD[lr=0.1, momentum=0.9, ...]}:
   * checkpoints record it, and a resume with other settings is refused.
   */
  default String settings() {
    return getClass().getSimpleName();
  }
}
