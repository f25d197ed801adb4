package dev.dendrite.autograd;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.Locale;
import java.util.function.Function;

/**
 * Compares the gradients that backward computes with central finite differences.
 *
 * <p>The function's output is reduced to a scalar with fixed random weights, {@code L = Σ w·f(x)},
 * so every output element is checked at once. Each input element that requires grad is perturbed by
 * ±h and {@code (L(x+h) − L(x−h)) / 2h} compared with the analytic gradient: {@code |analytic −
 * numeric| ≤ atol + rtol·|numeric|}.
 *
 * <p>Computation is float32, so the defaults ({@code h = 1e-3·max(1,|x|)}, {@code atol = 1e-2},
 * {@code rtol = 1e-2}) are looser than PyTorch's float64 gradcheck; keep inputs away from kinks
 * (|x| for x near 0, ReLU at 0, ties of max) where the derivative is not defined.
 */
public final class GradCheck {
  /** Tolerances and step. */
  public record Options(double h, double atol, double rtol, long seed) {
    public Options {
      if (!(h > 0)) throw new IllegalArgumentException("h must be > 0, got " + h);
      if (atol < 0 || rtol < 0) throw new IllegalArgumentException("tolerances must be >= 0");
    }

    public static Options defaults() {
      return new Options(1e-3, 1e-2, 1e-2, 42);
    }

    public Options withTolerance(double atol, double rtol) {
      return new Options(h, atol, rtol, seed);
    }

    public Options withH(double newH) {
      return new Options(newH, atol, rtol, seed);
    }
  }

  /** The outcome: the worst mismatch found, and a message describing it when the check failed. */
  public record Result(boolean passed, int checked, double maxAbsError, String failure) {}

  private GradCheck() {}

  /** Checks with the default options. */
  public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    return check(Options.defaults(), f, inputs);
  }

  /** Checks every element of every input that requires grad. Inputs are restored afterwards. */
  public static Result check(Options opt, Function<Tensor[], Tensor> f, Tensor... inputs) {
    for (Tensor t : inputs) t.zeroGrad();
    Tensor y = f.apply(inputs);
    Tensor w = Tensor.randn(new Rng(opt.seed()), y.shape());
    y.backward(w);
    double worst = 0;
    int checked = 0;
    for (int i = 0; i < inputs.length; i++) {
      Tensor x = inputs[i];
      if (!x.requiresGrad()) continue;
      float[] analytic = x.grad() == null ? new float[x.numel()] : x.grad().toArray();
      float[] orig = x.toArray();
      int[] shape = x.shape();
      for (int e = 0; e < orig.length; e++) {
        float h = (float) (opt.h() * Math.max(1.0, Math.abs(orig[e])));
        float up = orig[e] + h, down = orig[e] - h;
        double lp = loss(f, inputs, i, orig, e, up, shape, w);
        double lm = loss(f, inputs, i, orig, e, down, shape, w);
        double numeric = (lp - lm) / ((double) up - (double) down);
        double err = Math.abs(analytic[e] - numeric);
        checked++;
        if (!(err <= opt.atol() + opt.rtol() * Math.abs(numeric))) {
          set(x, orig);
          return new Result(
              false,
              checked,
              err,
              String.format(
                  Locale.ROOT,
                  "input %d %s, element %d (x = %g): analytic %g, numeric %g, |error| %g",
                  i,
                  java.util.Arrays.toString(shape),
                  e,
                  orig[e],
                  analytic[e],
                  numeric,
                  err));
        }
        worst = Math.max(worst, err);
      }
      set(x, orig);
    }
    return new Result(true, checked, worst, null);
  }

  /** Second derivatives with the default options. */
  public static Result gradgradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
    return gradgradcheck(Options.defaults(), f, inputs);
  }

  /**
   * Checks second derivatives, as PyTorch's {@code gradgradcheck}: the first derivatives {@code
   * G(x, v) = vᵀ·∂f/∂x} (one tensor per input that requires grad, {@code v} fixed random upstream
   * gradients) are reduced to {@code S = Σ wⱼ·Gⱼ} with fixed random weights; the gradient of S that
   * backward computes through the recorded backward ({@code createGraph}) is compared with central
   * differences of S over every element of the inputs and of {@code v}, which the first-order
   * backward also depends on. Inputs are restored afterwards.
   */
  public static Result gradgradcheck(Options opt, Function<Tensor[], Tensor> f, Tensor... inputs) {
    int[] yShape = f.apply(inputs).shape();
    Tensor v = Tensor.randn(new Rng(opt.seed() + 1), yShape).requiresGrad(true);
    Tensor[] wrt =
        java.util.Arrays.stream(inputs).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
    Rng wr = new Rng(opt.seed() + 2);
    Tensor[] w = new Tensor[wrt.length];
    for (int j = 0; j < wrt.length; j++) w[j] = Tensor.randn(wr, wrt[j].shape());
    Tensor[] all = java.util.Arrays.copyOf(inputs, inputs.length + 1);
    all[inputs.length] = v;
    Tensor s = firstOrder(f, inputs, wrt, v, w, true);
    Tensor[] analytic = new Tensor[all.length];
    if (s.requiresGrad()) {
      Tensor[] targets =
          java.util.Arrays.stream(all).filter(Tensor::requiresGrad).toArray(Tensor[]::new);
      Tensor[] g = Grad.grad(new Tensor[] {s}, targets, null, false, false, true);
      for (int i = 0, k = 0; i < all.length; i++) if (all[i].requiresGrad()) analytic[i] = g[k++];
    }
    double worst = 0;
    int checked = 0;
    for (int i = 0; i < all.length; i++) {
      Tensor x = all[i];
      if (!x.requiresGrad()) continue;
      float[] an = analytic[i] == null ? new float[x.numel()] : analytic[i].toArray();
      float[] orig = x.toArray();
      for (int e = 0; e < orig.length; e++) {
        float h = (float) (opt.h() * Math.max(1.0, Math.abs(orig[e])));
        float up = orig[e] + h, down = orig[e] - h;
        double sp = perturbed(f, inputs, wrt, v, w, x, orig, e, up);
        double sm = perturbed(f, inputs, wrt, v, w, x, orig, e, down);
        set(x, orig);
        double numeric = (sp - sm) / ((double) up - (double) down);
        double err = Math.abs(an[e] - numeric);
        checked++;
        if (!(err <= opt.atol() + opt.rtol() * Math.abs(numeric))) {
          return new Result(
              false,
              checked,
              err,
              String.format(
                  Locale.ROOT,
                  "second derivative, %s %s, element %d (x = %g): analytic %g, numeric %g,"
                      + " |error| %g",
                  i == inputs.length ? "upstream gradient" : "input " + i,
                  java.util.Arrays.toString(x.shape()),
                  e,
                  orig[e],
                  an[e],
                  numeric,
                  err));
        }
        worst = Math.max(worst, err);
      }
    }
    return new Result(true, checked, worst, null);
  }

  /** {@code S = Σ wⱼ·(vᵀ·∂f/∂xⱼ)}, recorded when {@code createGraph}. */
  private static Tensor firstOrder(
      Function<Tensor[], Tensor> f,
      Tensor[] inputs,
      Tensor[] wrt,
      Tensor v,
      Tensor[] w,
      boolean createGraph) {
    Tensor y = f.apply(inputs);
    Tensor[] g = Grad.grad(new Tensor[] {y}, wrt, new Tensor[] {v}, createGraph, createGraph, true);
    Tensor s = Tensor.scalar(0f);
    for (int j = 0; j < wrt.length; j++) if (g[j] != null) s = s.add(g[j].mul(w[j]).sum());
    return s;
  }

  private static double perturbed(
      Function<Tensor[], Tensor> f,
      Tensor[] inputs,
      Tensor[] wrt,
      Tensor v,
      Tensor[] w,
      Tensor x,
      float[] orig,
      int e,
      float value) {
    float[] p = orig.clone();
    p[e] = value;
    set(x, p);
    // In double precision: S's float32 sum would drown the difference quotient in rounding.
    Tensor y = f.apply(inputs);
    Tensor[] g = Grad.grad(new Tensor[] {y}, wrt, new Tensor[] {v}, false, false, true);
    double s = 0;
    for (int j = 0; j < wrt.length; j++) {
      if (g[j] == null) continue;
      float[] gd = g[j].toArray(), wd = w[j].toArray();
      for (int k = 0; k < gd.length; k++) s += (double) gd[k] * wd[k];
    }
    return s;
  }

  private static double loss(
      Function<Tensor[], Tensor> f,
      Tensor[] inputs,
      int i,
      float[] orig,
      int e,
      float v,
      int[] shape,
      Tensor w) {
    float[] p = orig.clone();
    p[e] = v;
    try (var off = Grad.disabled()) {
      set(inputs[i], p);
      float[] y = f.apply(inputs).toArray();
      float[] wd = w.toArray();
      double s = 0;
      for (int k = 0; k < y.length; k++) s += (double) y[k] * wd[k];
      return s;
    }
  }

  private static void set(Tensor x, float[] values) {
    try (var off = Grad.disabled()) {
      x.copyFrom(Tensor.of(values, x.shape()));
    }
  }
}
