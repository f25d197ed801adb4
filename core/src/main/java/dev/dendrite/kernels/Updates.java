package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates over flat arrays, one pass each, PyTorch's single-tensor formulas. Every array
 * is read from {@code off} for {@code n} elements; {@code p} is the parameter, {@code g} its
 * gradient.
 *
 * <p>State that decays geometrically (momentum, Adam's moments, RMSprop's averages) is flushed to
 * zero once its magnitude falls below {@link Float#MIN_NORMAL}. A weight whose gradient is often
 * exactly zero (a background pixel, a dead ReLU) otherwise leaves its state subnormal for ~150
 * steps at a time, and arithmetic on subnormal floats takes a microcode assist on x86: measured on
 * the Fashion-MNIST MLP, 90% of the first layer's momentum was subnormal after two epochs and the
 * SGD step ran 20× slower than on normal numbers. The parameters do not notice: a step of lr·(<
 * 1.2e-38) changes no float of magnitude above ~1e-31.
 */
public final class Updates {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private Updates() {}

  /** x, or 0 where |x| is subnormal (see the class comment). */
  private static FloatVector ftz(FloatVector x) {
    x = Vmath.exact(x);
    return x.blend(0f, x.abs().lt(Float.MIN_NORMAL));
  }

  private static float ftz(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
  }

  /**
   * SGD with momentum (Sutskever et al. 2013), PyTorch's form: d = g + wd·p; buf = d on the first
   * step, else μ·buf + (1 − dampening)·d; d = d + μ·buf (Nesterov) or buf; p = p − lr·d. With μ =
   * 0, {@code buf} is unused (may be null).
   */
  public static void sgd(
      float[] p,
      int po,
      float[] g,
      int go,
      float[] buf,
      int bo,
      int n,
      float lr,
      float mu,
      float dampening,
      boolean nesterov,
      float wd,
      boolean first) {
    int i = 0;
    if (mu == 0) {
      int bound = S.loopBound(n);
      for (; i < bound; i += L) {
        FloatVector pv = FloatVector.fromArray(S, p, po + i);
        FloatVector d = FloatVector.fromArray(S, g, go + i).add(pv.mul(wd));
        pv.sub(d.mul(lr)).intoArray(p, po + i);
      }
      for (; i < n; i++) p[po + i] -= lr * (g[go + i] + wd * p[po + i]);
      return;
    }
    float keep = first ? 0f : mu, take = first ? 1f : 1f - dampening;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i);
      FloatVector d = FloatVector.fromArray(S, g, go + i).add(pv.mul(wd));
      FloatVector b = ftz(FloatVector.fromArray(S, buf, bo + i).mul(keep).add(d.mul(take)));
      b.intoArray(buf, bo + i);
      FloatVector step = nesterov ? d.add(b.mul(mu)) : b;
      pv.sub(step.mul(lr)).intoArray(p, po + i);
    }
    for (; i < n; i++) {
      float d = g[go + i] + wd * p[po + i];
      float b = ftz(keep * buf[bo + i] + take * d);
      buf[bo + i] = b;
      p[po + i] -= lr * (nesterov ? d + mu * b : b);
    }
  }

  /**
   * Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), PyTorch's form. {@code t} is the
   * step count after this step (≥ 1). With {@code decoupled}, p ← p·(1 − lr·wd) first; otherwise
   * wd·p is added to the gradient. m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; with amsgrad vmax ←
   * max(vmax, v) replaces v below; p ← p − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + eps).
   */
  public static void adam(
      float[] p,
      int po,
      float[] g,
      int go,
      float[] m,
      float[] v,
      float[] vmax,
      int so,
      int n,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean decoupled,
      int t) {
    // Every coefficient is derived in double and rounded once, as PyTorch derives them from Python
    // floats: 1 − β2 rounded from float β2 would shift v by about 1e-5 relative.
    float b1 = (float) beta1, b2 = (float) beta2, eps32 = (float) eps;
    float c1 = (float) (1 - beta1), c2 = (float) (1 - beta2);
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
    float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
    float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
    float l2 = decoupled ? 0f : (float) weightDecay;
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i).mul(decay);
      FloatVector gv = FloatVector.fromArray(S, g, go + i).add(pv.mul(l2));
      FloatVector mv = ftz(FloatVector.fromArray(S, m, so + i).mul(b1).add(gv.mul(c1)));
      FloatVector vv = ftz(FloatVector.fromArray(S, v, so + i).mul(b2).add(gv.mul(gv).mul(c2)));
      mv.intoArray(m, so + i);
      vv.intoArray(v, so + i);
      if (vmax != null) {
        vv = vv.max(FloatVector.fromArray(S, vmax, so + i));
        vv.intoArray(vmax, so + i);
      }
      FloatVector denom = vv.lanewise(VectorOperators.SQRT).div(bc2Sqrt).add(eps32);
      pv.sub(mv.div(denom).mul(stepSize)).intoArray(p, po + i);
    }
    for (; i < n; i++) {
      float pv = p[po + i] * decay;
      float gv = g[go + i] + l2 * pv;
      float mv = ftz(b1 * m[so + i] + c1 * gv), vv = ftz(b2 * v[so + i] + c2 * gv * gv);
      m[so + i] = mv;
      v[so + i] = vv;
      if (vmax != null) vv = vmax[so + i] = Math.max(vmax[so + i], vv);
      p[po + i] = pv - stepSize * mv / ((float) Math.sqrt(vv) / bc2Sqrt + eps32);
    }
  }

  /**
   * RMSprop (Hinton, lecture 6e), PyTorch's form: g += wd·p; sq ← α·sq + (1−α)·g²; centered: ga ←
   * α·ga + (1−α)·g, avg = √(sq − ga²) + eps, else √sq + eps; with momentum buf ← μ·buf + g/avg, p ←
   * p − lr·buf, else p ← p − lr·g/avg.
   */
  public static void rmsprop(
      float[] p,
      int po,
      float[] g,
      int go,
      float[] sq,
      float[] ga,
      float[] buf,
      int so,
      int n,
      double lr,
      double alpha,
      double eps,
      double weightDecay,
      double momentum) {
    // Coefficients derived in double and rounded once, as PyTorch does (see adam).
    float keep = (float) alpha, take = (float) (1 - alpha);
    float lr32 = (float) lr, eps32 = (float) eps, wd = (float) weightDecay, mu = (float) momentum;
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i);
      FloatVector gv = FloatVector.fromArray(S, g, go + i).add(pv.mul(wd));
      FloatVector s = ftz(FloatVector.fromArray(S, sq, so + i).mul(keep).add(gv.mul(gv).mul(take)));
      s.intoArray(sq, so + i);
      FloatVector avg;
      if (ga != null) {
        FloatVector a = ftz(FloatVector.fromArray(S, ga, so + i).mul(keep).add(gv.mul(take)));
        a.intoArray(ga, so + i);
        avg = s.sub(a.mul(a)).sqrt().add(eps32);
      } else {
        avg = s.sqrt().add(eps32);
      }
      if (buf != null) {
        FloatVector b = ftz(FloatVector.fromArray(S, buf, so + i).mul(mu).add(gv.div(avg)));
        b.intoArray(buf, so + i);
        pv.sub(b.mul(lr32)).intoArray(p, po + i);
      } else {
        pv.sub(gv.div(avg).mul(lr32)).intoArray(p, po + i);
      }
    }
    for (; i < n; i++) {
      float gv = g[go + i] + wd * p[po + i];
      float s = ftz(keep * sq[so + i] + take * gv * gv);
      sq[so + i] = s;
      float avg;
      if (ga != null) {
        float a = ftz(keep * ga[so + i] + take * gv);
        ga[so + i] = a;
        avg = (float) Math.sqrt(s - a * a) + eps32;
      } else {
        avg = (float) Math.sqrt(s) + eps32;
      }
      if (buf != null) {
        float b = ftz(mu * buf[so + i] + gv / avg);
        buf[so + i] = b;
        p[po + i] -= lr32 * b;
      } else {
        p[po + i] -= lr32 * gv / avg;
      }
    }
  }

  /**
   * Adagrad (Duchi et al. 2011), PyTorch's form: g += wd·p; clr = lr/(1 + (t−1)·lrDecay); sum ← sum
   * + g²; p ← p − clr·g/(√sum + eps).
   */
  public static void adagrad(
      float[] p,
      int po,
      float[] g,
      int go,
      float[] sum,
      int so,
      int n,
      float lr,
      float lrDecay,
      float eps,
      float wd,
      int t) {
    float clr = lr / (1 + (t - 1) * lrDecay);
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, p, po + i);
      FloatVector gv = FloatVector.fromArray(S, g, go + i).add(pv.mul(wd));
      FloatVector s = FloatVector.fromArray(S, sum, so + i).add(gv.mul(gv));
      s.intoArray(sum, so + i);
      pv.sub(gv.div(s.sqrt().add(eps)).mul(clr)).intoArray(p, po + i);
    }
    for (; i < n; i++) {
      float gv = g[go + i] + wd * p[po + i];
      float s = sum[so + i] + gv * gv;
      sum[so + i] = s;
      p[po + i] -= clr * gv / ((float) Math.sqrt(s) + eps);
    }
  }
}
