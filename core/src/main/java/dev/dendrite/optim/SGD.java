package dev.dendrite.optim;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.kernels.Updates;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum (Sutskever et al. 2013)
 * and weight decay, with PyTorch's exact rule: the momentum buffer starts as the first gradient.
 * Batch GD, SGD and mini-batch GD are the same optimizer with batch sizes N, 1 and b.
 */
public record SGD(
    double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
  public SGD {
    if (!(lr >= 0)) throw new IllegalArgumentException("SGD: lr must be >= 0, got " + lr);
    if (!(momentum >= 0))
      throw new IllegalArgumentException("SGD: momentum must be >= 0, got " + momentum);
    if (!(weightDecay >= 0))
      throw new IllegalArgumentException("SGD: weight decay must be >= 0, got " + weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0))
      throw new IllegalArgumentException("SGD: Nesterov needs momentum > 0 and dampening 0");
  }

  public SGD(double lr) {
    this(lr, 0, 0, false, 0);
  }

  public SGD withMomentum(double m) {
    return new SGD(lr, m, dampening, nesterov, weightDecay);
  }

  public SGD withDampening(double d) {
    return new SGD(lr, momentum, d, nesterov, weightDecay);
  }

  public SGD withNesterov(boolean n) {
    return new SGD(lr, momentum, dampening, n, weightDecay);
  }

  public SGD withWeightDecay(double wd) {
    return new SGD(lr, momentum, dampening, nesterov, wd);
  }

  public Optimizer create(List<? extends Tensor> params) {
    SGD cfg = this;
    return new BaseOptimizer(params, lr) {
      @Override
      void update(int i, Tensor p, Tensor g) {
        Tensor buf = null;
        boolean first = false;
        if (cfg.momentum() != 0) {
          first = !state.get(i).containsKey("momentum_buffer");
          buf = buffer(i, "momentum_buffer", 0f);
        }
        float[] pa = a(p), ga = a(g), ba = buf == null ? null : a(buf);
        int po = o(p), go = o(g), bo = buf == null ? 0 : o(buf);
        boolean firstStep = first;
        // Memory-bound: both cores' bandwidth helps once a tensor is large.
        Parallel.forRange(
            p.numel(),
            1 << 16,
            (from, to) ->
                Updates.sgd(
                    pa,
                    po + from,
                    ga,
                    go + from,
                    ba,
                    bo + from,
                    to - from,
                    (float) lr,
                    (float) cfg.momentum(),
                    (float) cfg.dampening(),
                    cfg.nesterov(),
                    (float) cfg.weightDecay(),
                    firstStep));
      }
    }.describedBy(this);
  }
}
