package dev.dendrite.tensor;

import dev.dendrite.autograd.Anomaly;
import dev.dendrite.autograd.Grad;
import dev.dendrite.kernels.Elementwise.Binary;
import dev.dendrite.kernels.Elementwise.Unary;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of float32 values that records the operations applied to it, so that
 * {@link #backward()} can compute gradients (define-by-run, as in PyTorch).
 *
 * <p>Storage is row-major; {@code shape} and {@code strides} (in elements) describe a view into it,
 * so reshape, transpose, permute, slice, expand and squeeze share memory with their source where
 * possible. Ops never change their inputs; the few in-place methods end in {@code InPlace} (or are
 * {@link #fill} and {@link #copyFrom}) and bump a version counter that backward checks.
 *
 * <p>Index-valued tensors (argmax, gather's index, one-hot's input) hold integers as floats; a
 * float represents every integer up to 2^24 exactly.
 *
 * <p>Shape errors raise {@link IllegalArgumentException} naming the op and the shapes. Non-finite
 * values are allowed and propagate; no op hides them.
 */
public
class Tensor { // not final only so that nn.Parameter can give a tensor its role, as in PyTorch
  static {
    VectorModule.require();
    dev.dendrite.internal.Access.install(
        new dev.dendrite.internal.Access.TensorData() {
          @Override
          public float[] array(Tensor t) {
            if (!t.isContiguous())
              throw new IllegalArgumentException(
                  "raw access needs a contiguous tensor, got strides " + Shape.str(t.strides));
            return t.storage.data;
          }

          @Override
          public int offset(Tensor t) {
            return t.offset;
          }

          @Override
          public float[] storage(Tensor t) {
            return t.storage.data;
          }

          @Override
          public void wrote(Tensor t) {
            t.bumpVersion();
          }

          @Override
          public void recycleGrad(Tensor t) {
            Tensor g = t.grad;
            if (g != null && ownGradient(g) && g.numel() == t.numel()) t.spareGrad = g.storage.data;
            t.grad = null;
          }

          @Override
          public boolean ownGradient(Tensor g) {
            return g.storage.reusable
                && g.offset == 0
                && g.isContiguous()
                && g.storage.data.length == g.numel();
          }

          @Override
          public float[] takeSpareGrad(Tensor t, int size) {
            float[] s = t.spareGrad;
            t.spareGrad = null;
            return s != null && s.length == size ? s : null;
          }

          @Override
          public Tensor gradient(float[] data, int... shape) {
            Tensor g = Tensor.wrap(data, shape);
            g.storage.reusable = true;
            return g;
          }

          @Override
          public Tensor[] gradients(
              Tensor[] outputs,
              Tensor[] inputs,
              Tensor[] gradOutputs,
              boolean createGraph,
              boolean retainGraph,
              boolean allowUnused) {
            return Engine.run(outputs, gradOutputs, retainGraph, createGraph, inputs, allowUnused);
          }
        });
  }

  final Storage storage;
  final int offset;
  final int[] shape;
  final int[] strides;
  private boolean requiresGrad;
  Tensor grad;
  Node gradFn;

  /**
   * The array of a gradient an optimizer forgot ({@code Access.recycleGrad}), for the next backward
   * to write this tensor's gradient into: a fresh array costs its zeroing and cache-cold lines, as
   * much as half of a small layer's weight-gradient product.
   */
  private float[] spareGrad;

  /** Which output of {@link #gradFn} this tensor is (0 for an op with one output). */
  int gradOutput;

  Tensor(Storage storage, int offset, int[] shape, int[] strides) {
    this.storage = storage;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
  }

  /**
   * For subclasses that give a tensor a role (nn's {@code Parameter}): a new leaf over the same
   * storage as {@code t}, outside any graph.
   */
  protected Tensor(Tensor t) {
    this(t.storage, t.offset, t.shape, t.strides);
  }

  /**
   * A tensor over {@code data} itself, not a copy: for kernels and custom ops that have just
   * computed a fresh array. The caller hands the array over and must not touch it afterwards.
   */
  public static Tensor wrap(float[] data, int... shape) {
    if (data.length != Shape.numel(shape)) {
      throw new IllegalArgumentException(
          data.length + " values do not fill a tensor of shape " + Shape.str(shape));
    }
    return new Tensor(new Storage(data), 0, shape.clone(), Shape.contiguousStrides(shape));
  }

  // ---------------------------------------------------------------- creation

  /** A tensor holding a copy of {@code values}, in row-major order. */
  public static Tensor of(float[] values, int... shape) {
    return wrap(values.clone(), shape);
  }

  /** A 1-D tensor of the given values. */
  public static Tensor of(float... values) {
    return wrap(values.clone(), values.length);
  }

  /** A 2-D tensor from rows of equal length. */
  public static Tensor of(float[][] rows) {
    int n = rows.length, m = n == 0 ? 0 : rows[0].length;
    float[] d = new float[n * m];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != m)
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, row 0 has " + m);
      System.arraycopy(rows[i], 0, d, i * m, m);
    }
    return wrap(d, n, m);
  }

  /** A 0-dimensional tensor. */
  public static Tensor scalar(float value) {
    return wrap(new float[] {value});
  }

  public static Tensor zeros(int... shape) {
    return wrap(new float[Shape.numel(shape)], shape);
  }

  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  public static Tensor full(float value, int... shape) {
    float[] d = new float[Shape.numel(shape)];
    Arrays.fill(d, value);
    return wrap(d, shape);
  }

  /** {@code 0, 1, ..., n-1}. */
  public static Tensor arange(int n) {
    return arange(0, n, 1);
  }

  /** {@code start, start+step, ...} up to but excluding {@code end}, as {@code torch.arange}. */
  public static Tensor arange(double start, double end, double step) {
    if (step == 0 || !Double.isFinite(start) || !Double.isFinite(end)) {
      throw new IllegalArgumentException(
          "arange: need finite bounds and a non-zero step, got "
              + start
              + ", "
              + end
              + ", "
              + step);
    }
    int n = (int) Math.max(0, Math.ceil((end - start) / step));
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = (float) (start + i * step);
    return wrap(d, n);
  }

  /** The n×n identity matrix. */
  public static Tensor eye(int n) {
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) d[i * n + i] = 1f;
    return wrap(d, n, n);
  }

  /** Uniform on [0, 1). */
  public static Tensor rand(Rng rng, int... shape) {
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = rng.nextFloat();
    return wrap(d, shape);
  }

  /** Uniform on [lo, hi). */
  public static Tensor uniform(Rng rng, float lo, float hi, int... shape) {
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.nextFloat();
    return wrap(d, shape);
  }

  /** Standard normal. */
  public static Tensor randn(Rng rng, int... shape) {
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
    return wrap(d, shape);
  }

  /** 1 with probability {@code p}, else 0. */
  public static Tensor bernoulli(Rng rng, double p, int... shape) {
    if (!(p >= 0 && p <= 1))
      throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
    float[] d = new float[Shape.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = rng.nextDouble() < p ? 1f : 0f;
    return wrap(d, shape);
  }

  public static Tensor zerosLike(Tensor t) {
    return zeros(t.shape);
  }

  public static Tensor onesLike(Tensor t) {
    return ones(t.shape);
  }

  // ---------------------------------------------------------------- inspection

  /** The sizes of the dimensions (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  /** Strides in elements (a copy). */
  public int[] strides() {
    return strides.clone();
  }

  /** Number of dimensions. */
  public int dim() {
    return shape.length;
  }

  /** Size of dimension {@code d}; negative counts from the end. */
  public int size(int d) {
    return shape[Shape.dim("size", d, shape.length)];
  }

  public int numel() {
    return Shape.numel(shape);
  }

  /** True when the elements lie in row-major order without gaps. */
  public boolean isContiguous() {
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) return false;
      expected *= shape[d];
    }
    return true;
  }

  /** The value of a one-element tensor. */
  public float item() {
    if (numel() != 1)
      throw new IllegalArgumentException(
          "item: tensor of shape " + Shape.str(shape) + " has " + numel() + " elements, not 1");
    return storage.data[offset];
  }

  /** The element at {@code index} (one index per dimension, negatives count from the end). */
  public float get(int... index) {
    return storage.data[flatIndex("get", index)];
  }

  int flatIndex(String op, int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          op + ": " + index.length + " indices for a tensor of shape " + Shape.str(shape));
    }
    int p = offset;
    for (int d = 0; d < index.length; d++) {
      int i = index[d] < 0 ? index[d] + shape[d] : index[d];
      if (i < 0 || i >= shape[d]) {
        throw new IndexOutOfBoundsException(
            op
                + ": index "
                + index[d]
                + " out of range for dimension "
                + d
                + " of size "
                + shape[d]);
      }
      p += i * strides[d];
    }
    return p;
  }

  /** The elements in row-major order, as a new array. */
  public float[] toArray() {
    return contiguousData().clone();
  }

  /**
   * The elements in row-major order: the storage itself when this tensor covers it exactly, else a
   * copy. Callers must not write to the result.
   */
  float[] contiguousData() {
    if (offset == 0 && storage.data.length == numel() && isContiguous()) return storage.data;
    return Views.materialize(this);
  }

  // ---------------------------------------------------------------- autograd

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf tensor as a parameter whose gradient backward should compute. Returns this. */
  public Tensor requiresGrad(boolean on) {
    if (gradFn != null && !on) {
      throw new IllegalStateException(
          "requiresGrad(false) on a tensor computed by " + gradFn.name + "; use detach()");
    }
    requiresGrad = on;
    return this;
  }

  /** The accumulated gradient, or null. */
  public Tensor grad() {
    return grad;
  }

  /** Replaces the gradient (null clears it); for optimizers and clipping. */
  public void setGrad(Tensor g) {
    if (g != null && !Shape.same(g.shape, shape)) {
      throw new IllegalArgumentException(
          "setGrad: gradient of shape "
              + Shape.str(g.shape)
              + " for a tensor of shape "
              + Shape.str(shape));
    }
    grad = g;
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    grad = null;
  }

  /** True for a tensor not computed by a recorded op (inputs and parameters). */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The name of the op that produced this tensor, or null for a leaf. */
  public String gradFnName() {
    return gradFn == null ? null : gradFn.name;
  }

  /** Keeps the gradient of this non-leaf tensor in {@link #grad()} during backward. */
  public Tensor retainGrad() {
    if (gradFn != null) {
      if (gradFn.retained == null) gradFn.retained = new Tensor[gradFn.outputs];
      gradFn.retained[gradOutput] = this;
    }
    return this;
  }

  /** The same values, cut from the graph (shares storage). */
  public Tensor detach() {
    return new Tensor(storage, offset, shape, strides);
  }

  /** Backward from a scalar: d(this)/d(leaves), accumulated into each leaf's {@link #grad()}. */
  public void backward() {
    if (numel() != 1) {
      throw new IllegalStateException(
          "backward() needs a scalar, got shape "
              + Shape.str(shape)
              + "; pass the upstream gradient");
    }
    backward(Tensor.ones(shape), false);
  }

  /** Backward with the given upstream gradient (same shape as this). */
  public void backward(Tensor upstream) {
    backward(upstream, false);
  }

  /** Backward; with {@code retainGraph} the graph survives for another backward. */
  public void backward(Tensor upstream, boolean retainGraph) {
    Engine.run(new Tensor[] {this}, new Tensor[] {upstream}, retainGraph, false, null, false);
  }

  /**
   * Backward; with {@code createGraph} each op's backward is itself recorded, so the accumulated
   * gradients have a graph and can be differentiated again (PyTorch's {@code create_graph}). An op
   * with no double backward raises an error naming it when a second backward reaches it.
   */
  public void backward(Tensor upstream, boolean retainGraph, boolean createGraph) {
    Engine.run(new Tensor[] {this}, new Tensor[] {upstream}, retainGraph, createGraph, null, false);
  }

  /**
   * Records {@code out} as the result of {@code name} when grad mode is on and an input requires
   * grad.
   */
  static Tensor record(Tensor out, String name, Tensor[] inputs, Tensor[] saved, Node.Vjp vjp) {
    return record(out, name, inputs, saved, vjp, vjp);
  }

  /**
   * As above, with a separate rule in differentiable ops for double backward ({@code graphVjp},
   * null when there is none) because {@code vjp} works on raw arrays.
   */
  static Tensor record(
      Tensor out, String name, Tensor[] inputs, Tensor[] saved, Node.Vjp vjp, Node.Vjp graphVjp) {
    if (!Grad.isEnabled()) return out;
    boolean any = false;
    for (Tensor t : inputs) any |= t.requiresGrad;
    if (!any) return out;
    out.requiresGrad = true;
    out.gradFn = new Node(name, inputs, saved, vjp, graphVjp);
    if (Anomaly.enabled()) Anomaly.checkForward(name, out, inputs);
    return out;
  }

  static final Tensor[] NONE = new Tensor[0];

  /**
   * Records a custom differentiable op, as {@code torch.autograd.Function} does: {@code result} was
   * computed from {@code inputs} outside the graph (from detached values or under {@code
   * Grad.disabled()}); {@code vjp} maps the gradient of {@code result} to one gradient per input,
   * each of that input's shape (null where an input needs none). The tensors in {@code saved} are
   * checked for in-place changes before {@code vjp} runs. Returns {@code result}.
   *
   * <p>Such an op has no double backward: with {@code createGraph} its gradients are computed, but
   * differentiating them again raises an error naming the op.
   */
  public static Tensor custom(
      String name,
      Tensor result,
      Tensor[] inputs,
      Tensor[] saved,
      java.util.function.Function<Tensor, Tensor[]> vjp) {
    return custom(name, result, inputs, saved, vjp, null);
  }

  /**
   * A custom op with a double backward: {@code graphVjp} computes the same gradients as {@code vjp}
   * but in differentiable tensor ops, and runs, recorded, when backward creates a graph; {@code
   * vjp} stays the fast rule for ordinary backward.
   */
  public static Tensor custom(
      String name,
      Tensor result,
      Tensor[] inputs,
      Tensor[] saved,
      java.util.function.Function<Tensor, Tensor[]> vjp,
      java.util.function.Function<Tensor, Tensor[]> graphVjp) {
    if (result.gradFn != null || result.requiresGrad) {
      throw new IllegalArgumentException(
          "custom op " + name + ": the result must be computed outside the graph");
    }
    return record(
        result,
        name,
        inputs.clone(),
        saved.clone(),
        vjp::apply,
        graphVjp == null ? null : graphVjp::apply);
  }

  /**
   * Records a custom op with several results, computed together (one pass that yields an output
   * sequence and a final state): {@code vjp} gets one gradient per result, in order, null for a
   * result that no gradient reached (at least one is not null), and returns one per input as above.
   * Returns {@code results}.
   */
  public static Tensor[] custom(
      String name,
      Tensor[] results,
      Tensor[] inputs,
      Tensor[] saved,
      java.util.function.Function<Tensor[], Tensor[]> vjp) {
    for (Tensor r : results) {
      if (r.gradFn != null || r.requiresGrad) {
        throw new IllegalArgumentException(
            "custom op " + name + ": the results must be computed outside the graph");
      }
    }
    if (!Grad.isEnabled()) return results;
    boolean any = false;
    for (Tensor t : inputs) any |= t.requiresGrad;
    if (!any) return results;
    Node node = new Node(name, inputs.clone(), saved.clone(), results.length, vjp::apply, null);
    for (int i = 0; i < results.length; i++) {
      results[i].requiresGrad = true;
      results[i].gradFn = node;
      results[i].gradOutput = i;
    }
    if (Anomaly.enabled()) for (Tensor r : results) Anomaly.checkForward(name, r, inputs);
    return results;
  }

  // ---------------------------------------------------------------- views and copies

  /** Same elements in a new shape; one dimension may be -1. A view when contiguous, else a copy. */
  public Tensor reshape(int... newShape) {
    return Views.reshape(this, newShape);
  }

  /** Merges dimensions {@code start..end} (inclusive) into one. */
  public Tensor flatten(int start, int end) {
    return Views.flatten(this, start, end);
  }

  /** All dimensions into one. */
  public Tensor flatten() {
    return reshape(numel());
  }

  /** Swaps two dimensions (a view). */
  public Tensor transpose(int d0, int d1) {
    return Views.transpose(this, d0, d1);
  }

  /** The transpose of a matrix (a view). */
  public Tensor t() {
    if (dim() != 2)
      throw new IllegalArgumentException("t: needs a 2-D tensor, got shape " + Shape.str(shape));
    return transpose(0, 1);
  }

  /** Reorders the dimensions (a view): output dimension i is input dimension {@code order[i]}. */
  public Tensor permute(int... order) {
    return Views.permute(this, order);
  }

  /**
   * Elements {@code start..end-1} along {@code dim} (a view); negative bounds count from the end.
   */
  public Tensor slice(int dim, int start, int end) {
    return Views.slice(this, dim, start, end, 1);
  }

  /** Every {@code step}-th element of {@code start..end-1} along {@code dim} (a view). */
  public Tensor slice(int dim, int start, int end, int step) {
    return Views.slice(this, dim, start, end, step);
  }

  /** The sub-tensor at {@code index} along {@code dim}, that dimension removed (a view). */
  public Tensor select(int dim, int index) {
    return Views.select(this, dim, index);
  }

  /** Broadcasts size-1 dimensions to {@code newShape} without copying; -1 keeps a size. */
  public Tensor expand(int... newShape) {
    return Views.expand(this, newShape);
  }

  /** Removes every size-1 dimension. */
  public Tensor squeeze() {
    return Views.squeeze(this, -1, true);
  }

  /** Removes dimension {@code dim} if its size is 1. */
  public Tensor squeeze(int dim) {
    return Views.squeeze(this, dim, false);
  }

  /** Inserts a size-1 dimension at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return Views.unsqueeze(this, dim);
  }

  /** This tensor when already contiguous, else a contiguous copy. */
  public Tensor contiguous() {
    return isContiguous() ? this : copy();
  }

  /** A contiguous copy (differentiable, like {@code torch.clone}). */
  public Tensor copy() {
    return Views.copy(this);
  }

  // ---------------------------------------------------------------- pointwise

  public Tensor add(Tensor o) {
    return Pointwise.add(this, o);
  }

  public Tensor sub(Tensor o) {
    return Pointwise.sub(this, o);
  }

  public Tensor mul(Tensor o) {
    return Pointwise.mul(this, o);
  }

  public Tensor div(Tensor o) {
    return Pointwise.div(this, o);
  }

  /** Elementwise power with a tensor exponent (broadcast). */
  public Tensor pow(Tensor exponent) {
    return Pointwise.pow(this, exponent);
  }

  /** Elementwise maximum; NaN propagates; ties split the gradient equally, as in PyTorch. */
  public Tensor maximum(Tensor o) {
    return Pointwise.extreme(this, o, true);
  }

  /** Elementwise minimum; NaN propagates; ties split the gradient equally, as in PyTorch. */
  public Tensor minimum(Tensor o) {
    return Pointwise.extreme(this, o, false);
  }

  public Tensor add(float s) {
    return add(scalar(s));
  }

  public Tensor sub(float s) {
    return sub(scalar(s));
  }

  public Tensor mul(float s) {
    return Pointwise.scale(this, s);
  }

  public Tensor div(float s) {
    return Pointwise.scale(this, 1f / s);
  }

  public Tensor pow(float p) {
    return Pointwise.powScalar(this, p);
  }

  public Tensor neg() {
    return Pointwise.unary(this, Unary.NEG);
  }

  public Tensor exp() {
    return Pointwise.unary(this, Unary.EXP);
  }

  public Tensor log() {
    return Pointwise.unary(this, Unary.LOG);
  }

  public Tensor sqrt() {
    return Pointwise.unary(this, Unary.SQRT);
  }

  public Tensor abs() {
    return Pointwise.unary(this, Unary.ABS);
  }

  public Tensor relu() {
    return Pointwise.unary(this, Unary.RELU);
  }

  public Tensor sigmoid() {
    return Pointwise.unary(this, Unary.SIGMOID);
  }

  public Tensor tanh() {
    return Pointwise.unary(this, Unary.TANH);
  }

  public Tensor square() {
    return Pointwise.unary(this, Unary.SQUARE);
  }

  /** -1, 0 or 1 (no gradient: its derivative is zero almost everywhere). */
  public Tensor sign() {
    return Pointwise.compare(this, null, Unary.SIGN);
  }

  /** Limits every element to [lo, hi]; the gradient passes where lo ≤ x ≤ hi. */
  public Tensor clamp(float lo, float hi) {
    return Pointwise.clamp(this, lo, hi);
  }

  /** Comparisons give 1 where true, 0 where false; they carry no gradient. */
  public Tensor eq(Tensor o) {
    return Pointwise.compare(this, o, Binary.EQ);
  }

  public Tensor ne(Tensor o) {
    return Pointwise.compare(this, o, Binary.NE);
  }

  public Tensor lt(Tensor o) {
    return Pointwise.compare(this, o, Binary.LT);
  }

  public Tensor le(Tensor o) {
    return Pointwise.compare(this, o, Binary.LE);
  }

  public Tensor gt(Tensor o) {
    return Pointwise.compare(this, o, Binary.GT);
  }

  public Tensor ge(Tensor o) {
    return Pointwise.compare(this, o, Binary.GE);
  }

  public Tensor eq(float s) {
    return eq(scalar(s));
  }

  public Tensor lt(float s) {
    return lt(scalar(s));
  }

  public Tensor le(float s) {
    return le(scalar(s));
  }

  public Tensor gt(float s) {
    return gt(scalar(s));
  }

  public Tensor ge(float s) {
    return ge(scalar(s));
  }

  /** Elementwise {@code cond ≠ 0 ? a : b}, all three broadcast. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return Indexing.where(cond, a, b);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (a scalar). */
  public Tensor sum() {
    return Reductions.sum(this, allDims(), false);
  }

  public Tensor sum(int dim) {
    return sum(dim, false);
  }

  public Tensor sum(int dim, boolean keepDim) {
    return Reductions.sum(this, new int[] {dim}, keepDim);
  }

  /** Sum over several dimensions. */
  public Tensor sum(int[] dims, boolean keepDim) {
    return Reductions.sum(this, dims, keepDim);
  }

  public Tensor mean() {
    return Reductions.mean(this, allDims(), false);
  }

  public Tensor mean(int dim) {
    return mean(dim, false);
  }

  public Tensor mean(int dim, boolean keepDim) {
    return Reductions.mean(this, new int[] {dim}, keepDim);
  }

  public Tensor mean(int[] dims, boolean keepDim) {
    return Reductions.mean(this, dims, keepDim);
  }

  /** Variance with Bessel's correction (divides by N−1), as {@code torch.var}. */
  public Tensor var() {
    return Reductions.var(this, allDims(), 1, false);
  }

  public Tensor var(int dim, boolean keepDim) {
    return Reductions.var(this, new int[] {dim}, 1, keepDim);
  }

  /** Variance dividing by N − correction (0 gives the biased, population variance). */
  public Tensor var(int[] dims, int correction, boolean keepDim) {
    return Reductions.var(this, dims, correction, keepDim);
  }

  /** Largest element; the gradient goes to the first maximum. */
  public Tensor max() {
    return flatten().max(0, false);
  }

  public Tensor max(int dim, boolean keepDim) {
    return Reductions.extreme(this, dim, keepDim, false, false);
  }

  public Tensor min() {
    return flatten().min(0, false);
  }

  public Tensor min(int dim, boolean keepDim) {
    return Reductions.extreme(this, dim, keepDim, true, false);
  }

  /** Index of the first maximum along {@code dim}, as float values. */
  public Tensor argmax(int dim, boolean keepDim) {
    return Reductions.extreme(this, dim, keepDim, false, true);
  }

  public Tensor argmin(int dim, boolean keepDim) {
    return Reductions.extreme(this, dim, keepDim, true, true);
  }

  /** Index of the first maximum of the flattened tensor. */
  public Tensor argmax() {
    return flatten().argmax(0, false);
  }

  /** Numerically stable softmax along {@code dim}. */
  public Tensor softmax(int dim) {
    return Reductions.softmax(this, dim, false);
  }

  /** Numerically stable log-softmax along {@code dim}. */
  public Tensor logSoftmax(int dim) {
    return Reductions.softmax(this, dim, true);
  }

  /**
   * Reduces a broadcast gradient back to {@code target}: sums the dimensions that were expanded.
   */
  public Tensor sumTo(int... target) {
    return Reductions.sumTo(this, target);
  }

  private int[] allDims() {
    int[] d = new int[shape.length];
    for (int i = 0; i < d.length; i++) d[i] = i;
    return d;
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product with {@code torch.matmul}'s rules: 1-D operands are promoted (and the added
   * dimension removed), leading batch dimensions broadcast.
   *
   * <p>Shapes: (…, n, k) @ (…, k, m) → (…, n, m).
   */
  public Tensor matmul(Tensor o) {
    return Linalg.matmul(this, o);
  }

  // ---------------------------------------------------------------- joining and indexing

  /** Joins tensors along an existing dimension. */
  public static Tensor cat(int dim, Tensor... ts) {
    return Indexing.cat(dim, ts);
  }

  public static Tensor cat(int dim, List<Tensor> ts) {
    return Indexing.cat(dim, ts.toArray(Tensor[]::new));
  }

  /** Joins tensors of one shape along a new dimension. */
  public static Tensor stack(int dim, Tensor... ts) {
    return Indexing.stack(dim, ts);
  }

  public static Tensor stack(int dim, List<Tensor> ts) {
    return Indexing.stack(dim, ts.toArray(Tensor[]::new));
  }

  /** Views of {@code size} elements along {@code dim} (the last may be shorter). */
  public List<Tensor> split(int size, int dim) {
    return Indexing.split(this, size, dim);
  }

  /** {@code chunks} views along {@code dim}, as {@code torch.chunk}. */
  public List<Tensor> chunk(int chunks, int dim) {
    return Indexing.chunk(this, chunks, dim);
  }

  /** {@code out[i][j] = this[i][index[i][j]]} for dim 1, and so on, as {@code torch.gather}. */
  public Tensor gather(int dim, Tensor index) {
    return Indexing.gather(this, dim, index);
  }

  /** The entries at {@code index} (1-D) along {@code dim}, as {@code torch.index_select}. */
  public Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /** One-hot rows: shape {@code index.shape + (classes)}. */
  public static Tensor oneHot(Tensor index, int classes) {
    return Indexing.oneHot(index, classes);
  }

  // ---------------------------------------------------------------- in place

  /**
   * {@code this += o} (broadcast). In place: not recorded; refused on a tensor that requires grad
   * while recording.
   */
  public Tensor addInPlace(Tensor o) {
    return InPlace.binary(this, o, Binary.ADD, "addInPlace");
  }

  public Tensor subInPlace(Tensor o) {
    return InPlace.binary(this, o, Binary.SUB, "subInPlace");
  }

  public Tensor mulInPlace(Tensor o) {
    return InPlace.binary(this, o, Binary.MUL, "mulInPlace");
  }

  /** {@code this += alpha · o} (same shape). */
  public Tensor addInPlace(float alpha, Tensor o) {
    return InPlace.axpy(this, alpha, o);
  }

  public Tensor mulInPlace(float s) {
    return InPlace.scale(this, s);
  }

  public Tensor fill(float v) {
    return InPlace.fill(this, v);
  }

  /** Copies {@code src} (broadcast) into this tensor's elements. */
  public Tensor copyFrom(Tensor src) {
    return InPlace.copyFrom(this, src);
  }

  /**
   * How many in-place writes this tensor's storage has had, as PyTorch's {@code _version}: what is
   * derived from its values (a packed copy of a weight) is stale once this changes.
   */
  public int version() {
    return storage.version;
  }

  void bumpVersion() {
    storage.version++;
  }

  // ---------------------------------------------------------------- printing

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
