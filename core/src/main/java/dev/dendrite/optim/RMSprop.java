package dev.dendrite.optim;

import dev.dendrite.kernels.Updates;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * RMSprop (Hinton, Coursera lecture 6e): divides the gradient by a running root mean square.
 * PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8; optional momentum and the centered variant
 * (Graves 2013), which subtracts the squared running mean.
 */
public record RMSprop(
    double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
  public RMSprop {
    if (!(lr >= 0)) throw new IllegalArgumentException("RMSprop: lr must be >= 0, got " + lr);
    if (!(alpha >= 0 && alpha <= 1))
      throw new IllegalArgumentException("RMSprop: alpha must be in [0, 1], got " + alpha);
  }

  public RMSprop(double lr) {
    this(lr, 0.99, 1e-8, 0, 0, false);
  }

  public RMSprop withMomentum(double m) {
    return new RMSprop(lr, alpha, eps, weightDecay, m, centered);
  }

  public RMSprop withCentered(boolean c) {
    return new RMSprop(lr, alpha, eps, weightDecay, momentum, c);
  }

  public RMSprop withWeightDecay(double wd) {
    return new RMSprop(lr, alpha, eps, wd, momentum, centered);
  }

  public Optimizer create(List<? extends Tensor> params) {
    RMSprop cfg = this;
    return new BaseOptimizer(params, lr) {
      @Override
      void update(int i, Tensor p, Tensor g) {
        nextStep(i);
        Tensor sq = buffer(i, "square_avg", 0f);
        Tensor ga = cfg.centered() ? buffer(i, "grad_avg", 0f) : null;
        Tensor buf = cfg.momentum() > 0 ? buffer(i, "momentum_buffer", 0f) : null;
        Updates.rmsprop(
            a(p),
            o(p),
            a(g),
            o(g),
            a(sq),
            ga == null ? null : a(ga),
            buf == null ? null : a(buf),
            0,
            p.numel(),
            lr,
            cfg.alpha(),
            cfg.eps(),
            cfg.weightDecay(),
            cfg.momentum());
      }
    }.describedBy(this);
  }
}
