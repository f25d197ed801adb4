package dev.dendrite.tensor;

import dev.dendrite.autograd.Grad;
import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Elementwise.Binary;

/**
 * In-place writes. They are not recorded; each bumps the storage version so that a backward that
 * saved the old values fails loudly instead of computing a wrong gradient.
 */
final class InPlace {
  private InPlace() {}

  private static void guard(Tensor t, String op) {
    if (t.requiresGrad() && Grad.isEnabled()) {
      throw new IllegalStateException(
          op
              + ": in-place change of a tensor of shape "
              + Shape.str(t.shape)
              + " that requires grad; do it inside Grad.disabled() (as optimizers do) or on a"
              + " copy");
    }
    for (int d = 0; d < t.dim(); d++) {
      if (t.strides[d] == 0 && t.shape[d] > 1) {
        throw new IllegalStateException(
            op
                + ": the tensor of shape "
                + Shape.str(t.shape)
                + " is an expanded view; "
                + "several elements share one memory location");
      }
    }
  }

  /** Copies {@code src} (broadcast to dst's shape) into {@code dst}; no checks on grad mode. */
  static void copyRaw(Tensor dst, Tensor src) {
    int[] ss = Pointwise.broadcastStrides(src, dst.shape);
    if (Shape.numel(Shape.broadcast("copyFrom", dst.shape, src.shape)) != dst.numel()) {
      throw new IllegalArgumentException(
          "copyFrom: source of shape "
              + Shape.str(src.shape)
              + " does not fit "
              + Shape.str(dst.shape));
    }
    float[] dd = dst.storage.data, sd = src.storage.data;
    Strided.rows(
        dst.shape,
        new int[][] {dst.strides, ss},
        new int[] {dst.offset, src.offset},
        (oo, offs, inner, len) -> {
          int o = offs[0], s = offs[1], os = inner[0], st = inner[1];
          if (os == 1 && st == 1) System.arraycopy(sd, s, dd, o, len);
          else for (int i = 0; i < len; i++) dd[o + i * os] = sd[s + i * st];
        });
    dst.bumpVersion();
  }

  static Tensor copyFrom(Tensor dst, Tensor src) {
    guard(dst, "copyFrom");
    if (src.storage == dst.storage)
      src = Tensor.wrap(src.toArray(), src.shape); // overlapping views
    copyRaw(dst, src);
    return dst;
  }

  static Tensor binary(Tensor t, Tensor o, Binary op, String name) {
    guard(t, name);
    int[] shape = Shape.broadcast(name, t.shape, o.shape);
    if (!Shape.same(shape, t.shape)) {
      throw new IllegalArgumentException(
          name
              + ": result shape "
              + Shape.str(shape)
              + " differs from the target's "
              + Shape.str(t.shape));
    }
    if (o.storage == t.storage) o = Tensor.wrap(o.toArray(), o.shape);
    float[] td = t.storage.data, od = o.storage.data;
    Strided.rows(
        shape,
        new int[][] {t.strides, Pointwise.broadcastStrides(o, shape)},
        new int[] {t.offset, o.offset},
        (oo, offs, inner, len) -> {
          if (inner[0] == 1) {
            Elementwise.binary(op, td, offs[0], td, offs[0], 1, od, offs[1], inner[1], len);
          } else {
            for (int i = 0; i < len; i++) {
              int p = offs[0] + i * inner[0];
              td[p] = Elementwise.binary1(op, td[p], od[offs[1] + i * inner[1]]);
            }
          }
        });
    t.bumpVersion();
    return t;
  }

  static Tensor axpy(Tensor t, float alpha, Tensor o) {
    if (!Shape.same(t.shape, o.shape)) {
      throw new IllegalArgumentException(
          "addInPlace: shapes " + Shape.str(t.shape) + " and " + Shape.str(o.shape) + " differ");
    }
    if (t.isContiguous() && o.isContiguous() && o.storage != t.storage) {
      guard(t, "addInPlace");
      Elementwise.axpy(t.storage.data, t.offset, alpha, o.storage.data, o.offset, t.numel());
      t.bumpVersion();
      return t;
    }
    Tensor scaled;
    try (var off = Grad.disabled()) {
      scaled = o.mul(alpha);
    }
    return binary(t, scaled, Binary.ADD, "addInPlace");
  }

  static Tensor scale(Tensor t, float s) {
    guard(t, "mulInPlace");
    if (t.isContiguous()) {
      Elementwise.affine(t.storage.data, t.offset, t.storage.data, t.offset, t.numel(), s, 0f);
      t.bumpVersion();
      return t;
    }
    return binary(t, Tensor.scalar(s), Binary.MUL, "mulInPlace");
  }

  static Tensor fill(Tensor t, float v) {
    guard(t, "fill");
    copyRaw(t, Tensor.scalar(v));
    return t;
  }
}
