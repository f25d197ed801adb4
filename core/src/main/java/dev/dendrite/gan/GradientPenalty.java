package dev.dendrite.gan;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017): E[(‖∇ₓ̂ D(x̂)‖₂ − 1)²] at x̂ = ε·x + (1 −
 * ε)·x̃, ε ~ U(0, 1) per example, between a real batch x and a fake batch x̃. The gradient is taken
 * with {@code createGraph}, so the penalty can be differentiated with respect to the critic's
 * weights (a gradient of a gradient).
 */
public final class GradientPenalty {
  private GradientPenalty() {}

  /**
   * The penalty (a scalar with a graph) of {@code critic} between {@code real} and {@code fake}.
   */
  public static Tensor of(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, Rng rng) {
    int n = real.size(0);
    int[] es = new int[real.dim()];
    java.util.Arrays.fill(es, 1);
    es[0] = n;
    Tensor eps = Tensor.rand(rng, es);
    return at(critic, eps.mul(real).add(Tensor.scalar(1f).sub(eps).mul(fake.detach())));
  }

  /** The penalty at the points {@code x} (N, ...) themselves. */
  public static Tensor at(UnaryOperator<Tensor> critic, Tensor x) {
    Tensor xhat = x.detach().requiresGrad(true);
    Tensor d = critic.apply(xhat);
    Tensor g =
        Grad.grad(
            new Tensor[] {d}, new Tensor[] {xhat}, new Tensor[] {Tensor.onesLike(d)}, true, true)[
            0];
    return g.reshape(x.size(0), -1).square().sum(1).sqrt().sub(1f).square().mean();
  }
}
