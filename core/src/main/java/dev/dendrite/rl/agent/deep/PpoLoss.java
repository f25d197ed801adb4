package dev.dendrite.rl.agent.deep;

import dev.dendrite.tensor.Tensor;

/**
 * PPO's clipped surrogate objective (Schulman et al. 2017), as a loss to minimise: {@code −mean
 * min(r A, clip(r, 1 − ε, 1 + ε) A)} with the probability ratio {@code r = exp(log π − log π_old)}.
 * Beyond the clip boundary on the side the advantage favours, the gradient is zero, so one batch
 * cannot move the policy far.
 */
public final class PpoLoss {
  private PpoLoss() {}

  /** The loss over a minibatch; all three tensors have shape (batch). */
  public static Tensor clipped(Tensor logProb, Tensor oldLogProb, Tensor advantage, double clip) {
    if (!(clip > 0)) throw new IllegalArgumentException("PPO: clip_range must be > 0, got " + clip);
    Tensor ratio = logProb.sub(oldLogProb).exp();
    Tensor unclipped = advantage.mul(ratio);
    Tensor clipped = advantage.mul(ratio.clamp((float) (1 - clip), (float) (1 + clip)));
    return unclipped.minimum(clipped).mean().neg();
  }

  /**
   * The value loss: the mean squared error to the returns, of the new values or, with a finite
   * {@code clipVf}, of {@code V_old + clip(V − V_old, −clipVf, clipVf)} (Stable-Baselines3's {@code
   * clip_range_vf}).
   */
  public static Tensor value(Tensor values, Tensor oldValues, Tensor returns, double clipVf) {
    Tensor v = values;
    if (Double.isFinite(clipVf))
      v = oldValues.add(values.sub(oldValues).clamp((float) -clipVf, (float) clipVf));
    return returns.sub(v).square().mean();
  }
}
