package dev.dendrite.tensor;

import java.util.Locale;

/**
 * PyTorch-like printing: {@code tensor([[1.0000, 2.0000], ...], shape=(2, 2))}, long dimensions
 * elided.
 */
final class Printer {
  private static final int EDGE = 3;

  private Printer() {}

  static String print(Tensor t) {
    StringBuilder sb = new StringBuilder("tensor(");
    float[] d = t.contiguousData();
    if (t.dim() == 0) {
      sb.append(fmt(d[0]));
    } else {
      append(sb, d, t.shape, Shape.contiguousStrides(t.shape), 0, 0, 7);
    }
    if (t.dim() > 1 || t.numel() > 2 * EDGE) sb.append(", shape=").append(Shape.str(t.shape));
    if (t.gradFn != null) sb.append(", grad_fn=").append(t.gradFn.name);
    else if (t.requiresGrad()) sb.append(", requires_grad=true");
    return sb.append(')').toString();
  }

  private static void append(
      StringBuilder sb, float[] d, int[] shape, int[] strides, int dim, int base, int indent) {
    int n = shape[dim];
    boolean elide = n > 2 * EDGE;
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (elide && i == EDGE) {
        sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
        i = n - EDGE;
      }
      if (dim == shape.length - 1) sb.append(fmt(d[base + i * strides[dim]]));
      else append(sb, d, shape, strides, dim + 1, base + i * strides[dim], indent);
      if (i < n - 1)
        sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + dim + 1));
    }
    sb.append(']');
  }

  private static String fmt(float v) {
    if (Float.isNaN(v)) return "nan";
    if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
