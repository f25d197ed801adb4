package dev.dendrite.optim;

import dev.dendrite.kernels.Updates;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan, Singer 2011): per-coordinate steps shrink with the sum of past squared
 * gradients. PyTorch's defaults: lr 0.01, lr decay 0, initial accumulator 0, eps 1e-10.
 */
public record Adagrad(
    double lr, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
  public Adagrad {
    if (!(lr >= 0) || !(lrDecay >= 0) || !(initialAccumulator >= 0)) {
      throw new IllegalArgumentException(
          "Adagrad: lr, lr decay and initial accumulator must be >= 0");
    }
  }

  public Adagrad(double lr) {
    this(lr, 0, 0, 0, 1e-10);
  }

  public Adagrad withLrDecay(double d) {
    return new Adagrad(lr, d, weightDecay, initialAccumulator, eps);
  }

  public Adagrad withInitialAccumulator(double v) {
    return new Adagrad(lr, lrDecay, weightDecay, v, eps);
  }

  public Adagrad withWeightDecay(double wd) {
    return new Adagrad(lr, lrDecay, wd, initialAccumulator, eps);
  }

  public Optimizer create(List<? extends Tensor> params) {
    Adagrad cfg = this;
    return new BaseOptimizer(params, lr) {
      @Override
      void update(int i, Tensor p, Tensor g) {
        int t = nextStep(i);
        Tensor sum = buffer(i, "sum", (float) cfg.initialAccumulator());
        Updates.adagrad(
            a(p),
            o(p),
            a(g),
            o(g),
            a(sum),
            0,
            p.numel(),
            (float) lr,
            (float) cfg.lrDecay(),
            (float) cfg.eps(),
            (float) cfg.weightDecay(),
            t);
      }
    }.describedBy(this);
  }
}
