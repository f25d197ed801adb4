package dev.dendrite.tensor;

/** Ops that re-describe a tensor's storage without copying it, and the copies they fall back to. */
final class Views {
  private Views() {}

  private static Tensor view(Tensor x, int offset, int[] shape, int[] strides) {
    return new Tensor(x.storage, offset, shape, strides);
  }

  /** Contiguous copy of {@code x}'s elements. */
  static float[] materialize(Tensor x) {
    float[] out = new float[x.numel()];
    float[] src = x.storage.data;
    if (x.shape.length == 2 && x.strides[0] == 1 && x.strides[1] >= x.shape[0] && x.shape[0] > 1) {
      // A transposed matrix (a weight's .t()): a blocked transpose, not a strided copy row by row.
      dev.dendrite.kernels.Elementwise.transpose(
          out, 0, src, x.offset, x.strides[1], x.shape[1], x.shape[0]);
      return out;
    }
    Strided.rows(
        x.shape,
        new int[][] {x.strides},
        new int[] {x.offset},
        (oo, offs, inner, len) -> {
          int s = offs[0], st = inner[0];
          if (st == 1) System.arraycopy(src, s, out, oo, len);
          else for (int i = 0; i < len; i++) out[oo + i] = src[s + i * st];
        });
    return out;
  }

  static Tensor copy(Tensor x) {
    Tensor out = Tensor.wrap(materialize(x), x.shape);
    return Tensor.record(out, "copy", new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g});
  }

  static int[] inferShape(String op, int[] from, int[] to) {
    int n = Shape.numel(from);
    int[] s = to.clone();
    int infer = -1, known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0)
          throw new IllegalArgumentException(
              op + ": only one dimension can be -1, got " + Shape.str(to));
        infer = i;
      } else if (s[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + s[i] + " in " + Shape.str(to));
      } else {
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || n % known != 0) {
        throw new IllegalArgumentException(
            op
                + ": cannot reshape "
                + Shape.str(from)
                + " ("
                + n
                + " elements) to "
                + Shape.str(to));
      }
      s[infer] = n / known;
    }
    if (Shape.numel(s) != n) {
      throw new IllegalArgumentException(
          op + ": cannot reshape " + Shape.str(from) + " (" + n + " elements) to " + Shape.str(to));
    }
    return s;
  }

  static Tensor reshape(Tensor x, int[] to) {
    int[] s = inferShape("reshape", x.shape, to);
    Tensor src = x.isContiguous() ? x : x.copy();
    Tensor out = view(src, src.offset, s, Shape.contiguousStrides(s));
    int[] back = x.shape;
    return Tensor.record(
        out, "reshape", new Tensor[] {src}, Tensor.NONE, g -> new Tensor[] {g.reshape(back)});
  }

  static Tensor flatten(Tensor x, int start, int end) {
    int r = x.dim();
    if (r == 0) return x.reshape(1);
    int s = Shape.dim("flatten", start, r), e = Shape.dim("flatten", end, r);
    if (s > e)
      throw new IllegalArgumentException(
          "flatten: start dimension " + start + " after end dimension " + end);
    int[] to = new int[r - (e - s)];
    int k = 0;
    for (int d = 0; d < s; d++) to[k++] = x.shape[d];
    int m = 1;
    for (int d = s; d <= e; d++) m *= x.shape[d];
    to[k++] = m;
    for (int d = e + 1; d < r; d++) to[k++] = x.shape[d];
    return x.reshape(to);
  }

  static Tensor transpose(Tensor x, int d0, int d1) {
    int r = x.dim();
    int a = Shape.dim("transpose", d0, r), b = Shape.dim("transpose", d1, r);
    int[] order = new int[r];
    for (int i = 0; i < r; i++) order[i] = i;
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  static Tensor permute(Tensor x, int[] order) {
    int r = x.dim();
    if (order.length != r) {
      throw new IllegalArgumentException(
          "permute: "
              + order.length
              + " dimensions given for a tensor of shape "
              + Shape.str(x.shape));
    }
    int[] shape = new int[r], strides = new int[r], inverse = new int[r];
    boolean[] seen = new boolean[r];
    for (int i = 0; i < r; i++) {
      int d = Shape.dim("permute", order[i], r);
      if (seen[d])
        throw new IllegalArgumentException(
            "permute: dimension " + d + " repeated in " + Shape.str(order));
      seen[d] = true;
      shape[i] = x.shape[d];
      strides[i] = x.strides[d];
      inverse[d] = i;
    }
    Tensor out = view(x, x.offset, shape, strides);
    return Tensor.record(
        out, "permute", new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g.permute(inverse)});
  }

  static Tensor slice(Tensor x, int dim, int start, int end, int step) {
    int d = Shape.dim("slice", dim, x.dim());
    int n = x.shape[d];
    if (step <= 0) throw new IllegalArgumentException("slice: step must be > 0, got " + step);
    int s = start < 0 ? start + n : start, e = end < 0 ? end + n : end;
    s = Math.clamp(s, 0, n);
    e = Math.clamp(e, s, n);
    int[] shape = x.shape.clone(), strides = x.strides.clone();
    shape[d] = (e - s + step - 1) / step;
    strides[d] = x.strides[d] * step;
    Tensor out = view(x, x.offset + s * x.strides[d], shape, strides);
    int from = s, to = e;
    int[] inShape = x.shape;
    return Tensor.record(
        out,
        "slice",
        new Tensor[] {x},
        Tensor.NONE,
        g -> new Tensor[] {unslice(g, inShape, d, from, to, step)},
        g -> new Tensor[] {unsliceRecorded(g, inShape, d, from, to, step)});
  }

  /** Zeros of {@code inShape} with {@code g} in the sliced part: slice's backward. */
  private static Tensor unslice(Tensor g, int[] inShape, int d, int from, int to, int step) {
    Tensor z = Tensor.zeros(inShape);
    InPlace.copyRaw(z.slice(d, from, to, step), g);
    return z;
  }

  /** The same as an op of its own, whose backward is the slice again (for double backward). */
  private static Tensor unsliceRecorded(
      Tensor g, int[] inShape, int d, int from, int to, int step) {
    return Tensor.record(
        unslice(g.detach(), inShape, d, from, to, step),
        "sliceBackward",
        new Tensor[] {g},
        Tensor.NONE,
        gg -> new Tensor[] {gg.slice(d, from, to, step)});
  }

  static Tensor select(Tensor x, int dim, int index) {
    int d = Shape.dim("select", dim, x.dim());
    int i = index < 0 ? index + x.shape[d] : index;
    if (i < 0 || i >= x.shape[d]) {
      throw new IndexOutOfBoundsException(
          "select: index " + index + " out of range for dimension " + d + " of size " + x.shape[d]);
    }
    return x.slice(d, i, i + 1).squeeze(d);
  }

  static Tensor expand(Tensor x, int[] to) {
    int r = to.length;
    if (r < x.dim()) {
      throw new IllegalArgumentException(
          "expand: cannot expand " + Shape.str(x.shape) + " to fewer dimensions " + Shape.str(to));
    }
    int[] shape = new int[r], strides = new int[r];
    int lead = r - x.dim();
    for (int i = 0; i < r; i++) {
      int src = i < lead ? 1 : x.shape[i - lead];
      int want = to[i] == -1 ? src : to[i];
      if (i < lead && to[i] == -1)
        throw new IllegalArgumentException("expand: -1 not allowed in a new leading dimension");
      if (src != want && src != 1) {
        throw new IllegalArgumentException(
            "expand: cannot expand "
                + Shape.str(x.shape)
                + " to "
                + Shape.str(to)
                + ": dimension "
                + i
                + " is "
                + src
                + ", not 1");
      }
      shape[i] = want;
      strides[i] = i < lead || (src == 1 && want != 1) ? 0 : x.strides[i - lead];
    }
    Tensor out = view(x, x.offset, shape, strides);
    int[] back = x.shape;
    return Tensor.record(
        out, "expand", new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g.sumTo(back)});
  }

  static Tensor squeeze(Tensor x, int dim, boolean all) {
    int r = x.dim();
    int only = all ? -1 : Shape.dim("squeeze", dim, r);
    int keep = 0;
    for (int i = 0; i < r; i++) if (!(x.shape[i] == 1 && (all || i == only))) keep++;
    if (keep == r) return x;
    int[] shape = new int[keep], strides = new int[keep];
    int k = 0;
    for (int i = 0; i < r; i++) {
      if (x.shape[i] == 1 && (all || i == only)) continue;
      shape[k] = x.shape[i];
      strides[k++] = x.strides[i];
    }
    return reshapeView(x, shape, strides, "squeeze");
  }

  static Tensor unsqueeze(Tensor x, int dim) {
    int r = x.dim();
    int d = Shape.dim("unsqueeze", dim < 0 ? dim + r + 1 : dim, r + 1);
    int[] shape = new int[r + 1], strides = new int[r + 1];
    for (int i = 0, k = 0; i <= r; i++) {
      if (i == d) {
        shape[i] = 1;
        strides[i] = d < r ? x.strides[d] * x.shape[d] : 1;
      } else {
        shape[i] = x.shape[k];
        strides[i] = x.strides[k++];
      }
    }
    return reshapeView(x, shape, strides, "unsqueeze");
  }

  private static Tensor reshapeView(Tensor x, int[] shape, int[] strides, String name) {
    Tensor out = view(x, x.offset, shape, strides);
    int[] back = x.shape;
    return Tensor.record(
        out, name, new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g.reshape(back)});
  }
}
