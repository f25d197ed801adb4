package dev.dendrite.optim;

import dev.dendrite.kernels.Parallel;
import dev.dendrite.kernels.Updates;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma & Ba 2015) with bias correction and optional AMSGrad (Reddi et al. 2018); with
 * {@code decoupled} it is AdamW (Loshchilov & Hutter 2019), whose weight decay shrinks the
 * parameters directly, {@code p ← p·(1 − lr·wd)}, instead of being added to the gradient. PyTorch's
 * defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8 (added after the square root).
 */
public record Adam(
    double lr,
    double beta1,
    double beta2,
    double eps,
    double weightDecay,
    boolean amsgrad,
    boolean decoupled) {
  public Adam {
    if (!(lr >= 0)) throw new IllegalArgumentException("Adam: lr must be >= 0, got " + lr);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(eps >= 0) || !(weightDecay >= 0))
      throw new IllegalArgumentException("Adam: eps and weight decay must be >= 0");
  }

  /** Adam with PyTorch's defaults and the given learning rate. */
  public Adam(double lr) {
    this(lr, 0.9, 0.999, 1e-8, 0, false, false);
  }

  /** AdamW with PyTorch's defaults (weight decay 0.01). */
  public static Adam adamW(double lr) {
    return new Adam(lr, 0.9, 0.999, 1e-8, 0.01, false, true);
  }

  public Adam withBetas(double b1, double b2) {
    return new Adam(lr, b1, b2, eps, weightDecay, amsgrad, decoupled);
  }

  public Adam withEps(double e) {
    return new Adam(lr, beta1, beta2, e, weightDecay, amsgrad, decoupled);
  }

  public Adam withWeightDecay(double wd) {
    return new Adam(lr, beta1, beta2, eps, wd, amsgrad, decoupled);
  }

  public Adam withAmsgrad(boolean a) {
    return new Adam(lr, beta1, beta2, eps, weightDecay, a, decoupled);
  }

  public Optimizer create(List<? extends Tensor> params) {
    Adam cfg = this;
    return new BaseOptimizer(params, lr) {
      @Override
      void update(int i, Tensor p, Tensor g) {
        int t = nextStep(i);
        Tensor m = buffer(i, "exp_avg", 0f), v = buffer(i, "exp_avg_sq", 0f);
        Tensor vmax = cfg.amsgrad() ? buffer(i, "max_exp_avg_sq", 0f) : null;
        float[] pa = a(p), ga = a(g), ma = a(m), va = a(v), xa = vmax == null ? null : a(vmax);
        int po = o(p), go = o(g);
        Parallel.forRange(
            p.numel(),
            1 << 16,
            (from, to) ->
                Updates.adam(
                    pa,
                    po + from,
                    ga,
                    go + from,
                    ma,
                    va,
                    xa,
                    from,
                    to - from,
                    lr,
                    cfg.beta1(),
                    cfg.beta2(),
                    cfg.eps(),
                    cfg.weightDecay(),
                    cfg.decoupled(),
                    t));
      }
    }.describedBy(this);
  }
}
