package dev.dendrite.tensor;

import dev.dendrite.kernels.Reduce;

/** Reductions along dimensions (sum, mean, var, max, min, arg-extremes) and softmax. */
final class Reductions {
  private Reductions() {}

  /** Sorted, de-duplicated, normalised dimensions. */
  private static boolean[] dimSet(String op, Tensor x, int[] dims) {
    boolean[] set = new boolean[Math.max(x.dim(), 1)];
    if (dims.length == 0)
      java.util.Arrays.fill(set, true); // as torch: an empty list reduces everything
    for (int d : dims) {
      int n = Shape.dim(op, d, x.dim());
      if (set[n] && x.dim() > 0)
        throw new IllegalArgumentException(op + ": dimension " + d + " repeated");
      set[n] = true;
    }
    return set;
  }

  private static int[] keptShape(Tensor x, boolean[] set, boolean keepDim) {
    int r = x.dim();
    int n = 0;
    for (int d = 0; d < r; d++) if (!set[d] || keepDim) n++;
    int[] s = new int[n];
    for (int d = 0, k = 0; d < r; d++) {
      if (!set[d]) s[k++] = x.shape[d];
      else if (keepDim) s[k++] = 1;
    }
    return s;
  }

  static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    if (x.dim() == 0) {
      return Tensor.record(
          Tensor.scalar(x.item()), "sum", new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g});
    }
    boolean[] set = dimSet("sum", x, dims);
    int[] outShape = keptShape(x, set, keepDim);
    int[] keep = keptShape(x, set, true);
    float[] out = sumRaw(x, set);
    int[] inShape = x.shape;
    return Tensor.record(
        Tensor.wrap(out, outShape),
        "sum",
        new Tensor[] {x},
        Tensor.NONE,
        g -> new Tensor[] {g.reshape(keep).expand(inShape)});
  }

  /**
   * Sums over the marked dimensions. The reduced dimensions are brought into one adjacent block
   * (permuting and copying only when they are not already), then reduced as (outer, r, inner).
   */
  private static float[] sumRaw(Tensor x, boolean[] set) {
    int r = x.dim();
    int first = -1, last = -1;
    for (int d = 0; d < r; d++) {
      if (set[d]) {
        if (first < 0) first = d;
        last = d;
      }
    }
    boolean adjacent = true;
    for (int d = first; d <= last; d++) adjacent &= set[d] || x.shape[d] == 1;
    Tensor src = x;
    if (!adjacent) {
      int[] order = new int[r];
      int k = 0;
      for (int d = 0; d < r; d++) if (!set[d]) order[k++] = d;
      first = k;
      for (int d = 0; d < r; d++) if (set[d]) order[k++] = d;
      last = r - 1;
      src = x.detach().permute(order);
    }
    int outer = 1, red = 1, inner = 1;
    for (int d = 0; d < first; d++) outer *= src.shape[d];
    for (int d = first; d <= last; d++) red *= src.shape[d];
    for (int d = last + 1; d < r; d++) inner *= src.shape[d];
    float[] data = src.contiguousData();
    float[] out = new float[outer * inner];
    Reduce.sum(out, 0, data, 0, outer, red, inner);
    return out;
  }

  static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    Tensor s = sum(x, dims, keepDim);
    int count = x.numel() / Math.max(1, s.numel());
    if (x.dim() == 0) count = 1;
    return s.div((float) count);
  }

  static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
    Tensor centered = x.sub(mean(x, dims, true));
    Tensor ss = sum(centered.square(), dims, keepDim);
    int count = x.numel() / Math.max(1, ss.numel());
    // N − correction ≤ 0 gives inf/NaN, as in PyTorch.
    return ss.div((float) (count - correction));
  }

  static Tensor extreme(Tensor x, int dim, boolean keepDim, boolean min, boolean index) {
    String op = index ? (min ? "argmin" : "argmax") : (min ? "min" : "max");
    if (x.dim() == 0) x = x.reshape(1);
    int d = Shape.dim(op, dim, x.dim());
    if (x.shape[d] == 0)
      throw new IllegalArgumentException(
          op + ": dimension " + dim + " of shape " + Shape.str(x.shape) + " is empty");
    int outer = 1, inner = 1, n = x.shape[d];
    for (int i = 0; i < d; i++) outer *= x.shape[i];
    for (int i = d + 1; i < x.dim(); i++) inner *= x.shape[i];
    float[] data = x.contiguousData();
    float[] vals = new float[outer * inner], idx = new float[outer * inner];
    Reduce.extreme(min, vals, 0, idx, 0, data, 0, outer, n, inner);
    boolean[] set = new boolean[x.dim()];
    set[d] = true;
    int[] outShape = keptShape(x, set, keepDim);
    if (index) return Tensor.wrap(idx, outShape);
    int[] inShape = x.shape;
    int fo = outer, fi = inner;
    return Tensor.record(
        Tensor.wrap(vals, outShape),
        op,
        new Tensor[] {x},
        Tensor.NONE,
        g -> {
          float[] gd = g.contiguousData();
          float[] gx = new float[fo * n * fi];
          for (int o = 0; o < fo; o++) {
            for (int i = 0; i < fi; i++)
              gx[(o * n + (int) idx[o * fi + i]) * fi + i] = gd[o * fi + i];
          }
          return new Tensor[] {Tensor.wrap(gx, inShape)};
        },
        null); // no double backward (raw scatter)
  }

  static Tensor softmax(Tensor x, int dim, boolean log) {
    String op = log ? "logSoftmax" : "softmax";
    if (x.dim() == 0) return softmax(x.reshape(1), 0, log).reshape();
    int d = Shape.dim(op, dim, x.dim());
    int last = x.dim() - 1;
    Tensor src = d == last ? x.detach() : x.detach().transpose(d, last);
    int n = src.shape[last];
    float[] data = src.contiguousData();
    float[] out = new float[data.length];
    Reduce.softmaxRows(log, out, 0, data, 0, data.length / Math.max(n, 1), n);
    Tensor y = Tensor.wrap(out, src.shape);
    if (d != last) y = y.transpose(d, last);
    Tensor result = y;
    return Tensor.record(
        y,
        op,
        new Tensor[] {x},
        new Tensor[] {y},
        g ->
            new Tensor[] {
              log
                  ? g.sub(result.exp().mul(g.sum(d, true))) // d logsoftmax: g − softmax·Σg
                  : result.mul(g.sub(g.mul(result).sum(d, true)))
            }); // d softmax: y·(g − Σ g·y)
  }

  /** Sums a broadcast gradient back to {@code target}. */
  static Tensor sumTo(Tensor g, int[] target) {
    if (Shape.same(g.shape, target)) return g;
    int lead = g.dim() - target.length;
    if (lead < 0)
      throw new IllegalArgumentException(
          "sumTo: " + Shape.str(g.shape) + " has fewer dimensions than " + Shape.str(target));
    int count = 0;
    int[] tmp = new int[g.dim()];
    for (int d = 0; d < g.dim(); d++) {
      if (d < lead || (target[d - lead] == 1 && g.shape[d] != 1)) tmp[count++] = d;
      else if (target[d - lead] != g.shape[d]) {
        throw new IllegalArgumentException(
            "sumTo: cannot reduce " + Shape.str(g.shape) + " to " + Shape.str(target));
      }
    }
    Tensor s = count == 0 ? g : g.sum(java.util.Arrays.copyOf(tmp, count), true);
    return s.reshape(target);
  }
}
