package dev.dendrite.tensor;

import dev.dendrite.kernels.Elementwise;
import java.util.ArrayList;
import java.util.List;

/** Joining, splitting, gathering and selecting. */
final class Indexing {
  private Indexing() {}

  static Tensor cat(int dim, Tensor[] ts) {
    if (ts.length == 0) throw new IllegalArgumentException("cat: no tensors given");
    int r = ts[0].dim();
    if (r == 0)
      throw new IllegalArgumentException(
          "cat: zero-dimensional tensors cannot be joined; use stack");
    int d = Shape.dim("cat", dim, r);
    int total = 0;
    for (int i = 0; i < ts.length; i++) {
      Tensor t = ts[i];
      boolean ok = t.dim() == r;
      for (int j = 0; ok && j < r; j++) ok = j == d || t.shape[j] == ts[0].shape[j];
      if (!ok) {
        throw new IllegalArgumentException(
            "cat: tensor "
                + i
                + " has shape "
                + Shape.str(t.shape)
                + ", incompatible with "
                + Shape.str(ts[0].shape)
                + " along dimension "
                + d);
      }
      total += t.shape[d];
    }
    int[] shape = ts[0].shape.clone();
    shape[d] = total;
    Tensor out = Tensor.zeros(shape);
    int[] starts = new int[ts.length];
    int at = 0;
    for (int i = 0; i < ts.length; i++) {
      starts[i] = at;
      InPlace.copyRaw(out.detach().slice(d, at, at + ts[i].shape[d]), ts[i]);
      at += ts[i].shape[d];
    }
    Tensor[] inputs = ts.clone();
    return Tensor.record(
        out,
        "cat",
        inputs,
        Tensor.NONE,
        g -> {
          Tensor[] gs = new Tensor[inputs.length];
          for (int i = 0; i < gs.length; i++)
            gs[i] = g.slice(d, starts[i], starts[i] + inputs[i].shape[d]);
          return gs;
        });
  }

  static Tensor stack(int dim, Tensor[] ts) {
    if (ts.length == 0) throw new IllegalArgumentException("stack: no tensors given");
    int d = Shape.dim("stack", dim < 0 ? dim + ts[0].dim() + 1 : dim, ts[0].dim() + 1);
    Tensor[] u = new Tensor[ts.length];
    for (int i = 0; i < ts.length; i++) {
      if (!Shape.same(ts[i].shape, ts[0].shape)) {
        throw new IllegalArgumentException(
            "stack: tensor "
                + i
                + " has shape "
                + Shape.str(ts[i].shape)
                + ", tensor 0 has "
                + Shape.str(ts[0].shape));
      }
      u[i] = ts[i].unsqueeze(d);
    }
    return cat(d, u);
  }

  static List<Tensor> split(Tensor x, int size, int dim) {
    int d = Shape.dim("split", dim, x.dim());
    if (size <= 0) throw new IllegalArgumentException("split: size must be > 0, got " + size);
    List<Tensor> parts = new ArrayList<>();
    for (int s = 0; s < x.shape[d]; s += size)
      parts.add(x.slice(d, s, Math.min(x.shape[d], s + size)));
    return parts;
  }

  static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    int d = Shape.dim("chunk", dim, x.dim());
    if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be > 0, got " + chunks);
    return split(x, Math.max(1, (x.shape[d] + chunks - 1) / chunks), d);
  }

  private static int index(String op, float v, int size, int dim) {
    int i = (int) v;
    if (i != v || i < -size || i >= size) {
      throw new IndexOutOfBoundsException(
          op + ": index " + v + " out of range for dimension " + dim + " of size " + size);
    }
    return i < 0 ? i + size : i;
  }

  static Tensor gather(Tensor x, int dim, Tensor index) {
    int r = x.dim();
    int d = Shape.dim("gather", dim, r);
    if (index.dim() != r) {
      throw new IllegalArgumentException(
          "gather: index of shape "
              + Shape.str(index.shape)
              + " for input of shape "
              + Shape.str(x.shape)
              + ": ranks differ");
    }
    for (int j = 0; j < r; j++) {
      if (j != d && index.shape[j] > x.shape[j]) {
        throw new IllegalArgumentException(
            "gather: index of shape "
                + Shape.str(index.shape)
                + " larger than input "
                + Shape.str(x.shape)
                + " in dimension "
                + j);
      }
    }
    float[] idx = index.contiguousData();
    int[] pos = positions("gather", x.shape, index.shape, d, idx);
    float[] src = x.storage.data;
    float[] out = new float[idx.length];
    int[] xs = x.strides;
    int[] cs = Shape.contiguousStrides(x.shape);
    for (int p = 0; p < out.length; p++) out[p] = src[x.offset + remap(pos[p], cs, xs, r)];
    int[] inShape = x.shape;
    return Tensor.record(
        Tensor.wrap(out, index.shape),
        "gather",
        new Tensor[] {x},
        Tensor.NONE,
        g -> {
          float[] gd = g.contiguousData();
          float[] gx = new float[Shape.numel(inShape)];
          for (int p = 0; p < gd.length; p++)
            gx[pos[p]] += gd[p]; // scatter-add: repeated indices sum
          return new Tensor[] {Tensor.wrap(gx, inShape)};
        },
        g -> new Tensor[] {scatterAdd(g, pos, inShape)});
  }

  /**
   * {@code out[pos[p]] += g[p]} into zeros of {@code shape}, recorded: gather's backward as an op
   * whose own backward is a gather again ({@link #gatherAt}), for double backward.
   */
  private static Tensor scatterAdd(Tensor g, int[] pos, int[] shape) {
    float[] gd = g.contiguousData();
    float[] out = new float[Shape.numel(shape)];
    for (int p = 0; p < gd.length; p++) out[pos[p]] += gd[p];
    int[] gShape = g.shape;
    return Tensor.record(
        Tensor.wrap(out, shape),
        "scatterAdd",
        new Tensor[] {g},
        Tensor.NONE,
        gg -> new Tensor[] {gatherAt(gg, pos, gShape)});
  }

  /** {@code out[p] = x[pos[p]]} (row-major positions), recorded; the adjoint of scatterAdd. */
  private static Tensor gatherAt(Tensor x, int[] pos, int[] shape) {
    float[] xd = x.contiguousData();
    float[] out = new float[pos.length];
    for (int p = 0; p < pos.length; p++) out[p] = xd[pos[p]];
    int[] xShape = x.shape;
    return Tensor.record(
        Tensor.wrap(out, shape),
        "gather",
        new Tensor[] {x},
        Tensor.NONE,
        gg -> new Tensor[] {scatterAdd(gg, pos, xShape)});
  }

  /**
   * Row-major flat positions in a {@code shape} tensor for each element of an index tensor along
   * {@code d}.
   */
  private static int[] positions(String op, int[] shape, int[] idxShape, int d, float[] idx) {
    int r = shape.length;
    int[] cs = Shape.contiguousStrides(shape);
    int[] pos = new int[idx.length];
    int[] at = new int[r];
    for (int p = 0; p < idx.length; p++) {
      int flat = 0;
      for (int j = 0; j < r; j++) flat += (j == d ? index(op, idx[p], shape[d], d) : at[j]) * cs[j];
      pos[p] = flat;
      for (int j = r - 1; j >= 0; j--) {
        if (++at[j] < idxShape[j]) break;
        at[j] = 0;
      }
    }
    return pos;
  }

  /** Converts a row-major flat position to a storage offset under other strides. */
  private static int remap(int flat, int[] contiguous, int[] strides, int r) {
    int o = 0;
    for (int j = 0; j < r; j++) {
      int i = flat / contiguous[j];
      flat -= i * contiguous[j];
      o += i * strides[j];
    }
    return o;
  }

  static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    int d = Shape.dim("indexSelect", dim, x.dim());
    if (index.dim() != 1)
      throw new IllegalArgumentException(
          "indexSelect: index must be 1-D, got shape " + Shape.str(index.shape));
    float[] idx = index.contiguousData();
    int[] rows = new int[idx.length];
    for (int i = 0; i < idx.length; i++) rows[i] = index("indexSelect", idx[i], x.shape[d], d);
    Tensor xd = x.detach();
    int[] shape = x.shape.clone();
    shape[d] = rows.length;
    Tensor out = Tensor.zeros(shape);
    if (d == 0 && x.isContiguous()) { // the mini-batch case: whole rows, one copy each
      int row = x.numel() / Math.max(1, x.shape[0]);
      for (int i = 0; i < rows.length; i++)
        System.arraycopy(x.storage.data, x.offset + rows[i] * row, out.storage.data, i * row, row);
    } else {
      for (int i = 0; i < rows.length; i++)
        InPlace.copyRaw(out.slice(d, i, i + 1), xd.slice(d, rows[i], rows[i] + 1));
    }
    int[] inShape = x.shape;
    return Tensor.record(
        out,
        "indexSelect",
        new Tensor[] {x},
        Tensor.NONE,
        g -> {
          Tensor gx = Tensor.zeros(inShape);
          for (int i = 0; i < rows.length; i++)
            gx.slice(d, rows[i], rows[i] + 1).addInPlace(g.slice(d, i, i + 1));
          return new Tensor[] {gx};
        },
        null); // no double backward (raw scatter)
  }

  static Tensor oneHot(Tensor index, int classes) {
    if (classes <= 0)
      throw new IllegalArgumentException("oneHot: classes must be > 0, got " + classes);
    float[] idx = index.contiguousData();
    int[] shape = java.util.Arrays.copyOf(index.shape, index.dim() + 1);
    shape[index.dim()] = classes;
    float[] out = new float[idx.length * classes];
    for (int i = 0; i < idx.length; i++) {
      int c = (int) idx[i];
      if (c != idx[i] || c < 0 || c >= classes) {
        throw new IndexOutOfBoundsException(
            "oneHot: class " + idx[i] + " at position " + i + " outside [0, " + classes + ")");
      }
      out[i * classes + c] = 1f;
    }
    return Tensor.wrap(out, shape);
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
    float[] out = new float[Shape.numel(shape)];
    int[][] strides = {
      Pointwise.broadcastStrides(cond, shape),
      Pointwise.broadcastStrides(a, shape),
      Pointwise.broadcastStrides(b, shape)
    };
    float[] cd = cond.storage.data, ad = a.storage.data, bd = b.storage.data;
    Strided.rows(
        shape,
        strides,
        new int[] {cond.offset, a.offset, b.offset},
        (oo, offs, inner, len) ->
            Elementwise.where(
                out, oo, cd, offs[0], inner[0], ad, offs[1], inner[1], bd, offs[2], inner[2], len));
    Tensor mask = cond.detach();
    return Tensor.record(
        Tensor.wrap(out, shape),
        "where",
        new Tensor[] {a, b},
        new Tensor[] {mask},
        g -> {
          Tensor zero = Tensor.scalar(0f);
          return new Tensor[] {
            a.requiresGrad() ? Tensor.where(mask, g, zero).sumTo(a.shape) : null,
            b.requiresGrad() ? Tensor.where(mask, zero, g).sumTo(b.shape) : null
          };
        });
  }
}
