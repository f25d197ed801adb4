package dev.dendrite.tensor;

import dev.dendrite.kernels.Elementwise;
import dev.dendrite.kernels.Elementwise.Binary;
import dev.dendrite.kernels.Elementwise.Unary;
import dev.dendrite.kernels.Parallel;

/**
 * Elementwise ops, each with its backward rule beside it. Binary ops broadcast; their gradients are
 * summed back to each input's shape.
 */
final class Pointwise {
  private static final int GRAIN = 1 << 15;

  private Pointwise() {}

  /** Broadcast {@code op(a, b)} into a new contiguous tensor; records nothing. */
  static Tensor binaryRaw(Binary op, String name, Tensor a, Tensor b) {
    int[] shape = Shape.broadcast(name, a.shape, b.shape);
    float[] out = new float[Shape.numel(shape)];
    float[] ad = a.storage.data, bd = b.storage.data;
    int[][] strides = {broadcastStrides(a, shape), broadcastStrides(b, shape)};
    Strided.rows(
        shape,
        strides,
        new int[] {a.offset, b.offset},
        (oo, offs, inner, len) ->
            Elementwise.binary(op, out, oo, ad, offs[0], inner[0], bd, offs[1], inner[1], len));
    return Tensor.wrap(out, shape);
  }

  /**
   * {@code x}'s strides seen through broadcasting to {@code shape}: 0 along expanded dimensions.
   */
  static int[] broadcastStrides(Tensor x, int[] shape) {
    int r = shape.length, lead = r - x.dim();
    int[] s = new int[r];
    for (int i = lead; i < r; i++)
      s[i] = x.shape[i - lead] == 1 && shape[i] != 1 ? 0 : x.strides[i - lead];
    return s;
  }

  /** {@code op(x)} into a new contiguous tensor; records nothing. */
  static Tensor unaryRaw(Unary op, Tensor x) {
    float[] src = x.contiguousData();
    float[] out = new float[src.length];
    Parallel.forRange(
        src.length, GRAIN, (from, to) -> Elementwise.unary(op, out, from, src, from, to - from));
    return Tensor.wrap(out, x.shape);
  }

  static Tensor add(Tensor a, Tensor b) {
    Tensor out = binaryRaw(Binary.ADD, "add", a, b);
    int[] sa = a.shape, sb = b.shape;
    return Tensor.record(
        out, "add", new Tensor[] {a, b}, Tensor.NONE, g -> new Tensor[] {g.sumTo(sa), g.sumTo(sb)});
  }

  static Tensor sub(Tensor a, Tensor b) {
    Tensor out = binaryRaw(Binary.SUB, "sub", a, b);
    int[] sa = a.shape, sb = b.shape;
    return Tensor.record(
        out,
        "sub",
        new Tensor[] {a, b},
        Tensor.NONE,
        g -> new Tensor[] {g.sumTo(sa), g.neg().sumTo(sb)});
  }

  static Tensor mul(Tensor a, Tensor b) {
    Tensor out = binaryRaw(Binary.MUL, "mul", a, b);
    return Tensor.record(
        out,
        "mul",
        new Tensor[] {a, b},
        new Tensor[] {a, b},
        g ->
            new Tensor[] {
              a.requiresGrad() ? g.mul(b).sumTo(a.shape) : null,
              b.requiresGrad() ? g.mul(a).sumTo(b.shape) : null
            });
  }

  static Tensor div(Tensor a, Tensor b) {
    Tensor out = binaryRaw(Binary.DIV, "div", a, b);
    return Tensor.record(
        out,
        "div",
        new Tensor[] {a, b},
        new Tensor[] {b, out},
        g ->
            new Tensor[] {
              a.requiresGrad() ? g.div(b).sumTo(a.shape) : null,
              b.requiresGrad() ? g.mul(out).div(b).neg().sumTo(b.shape) : null
            }); // d(a/b)/db = −out/b
  }

  static Tensor pow(Tensor a, Tensor p) {
    Tensor out = binaryRaw(Binary.POW, "pow", a, p);
    return Tensor.record(
        out,
        "pow",
        new Tensor[] {a, p},
        new Tensor[] {a, p, out},
        g ->
            new Tensor[] {
              a.requiresGrad() ? g.mul(p).mul(a.pow(p.sub(1f))).sumTo(a.shape) : null,
              // d(a^p)/dp = a^p·ln a; PyTorch defines it as 0 where a = 0 and p ≥ 0 (instead of
              // 0·(−inf)).
              p.requiresGrad()
                  ? Tensor.where(a.eq(0f).mul(p.ge(0f)), Tensor.scalar(0f), g.mul(out).mul(a.log()))
                      .sumTo(p.shape)
                  : null
            });
  }

  static Tensor powScalar(Tensor x, float p) {
    float[] src = x.contiguousData();
    float[] out = new float[src.length];
    Parallel.forRange(
        src.length, GRAIN, (from, to) -> Elementwise.powScalar(out, from, src, from, to - from, p));
    Tensor y = Tensor.wrap(out, x.shape);
    return Tensor.record(
        y,
        "pow",
        new Tensor[] {x},
        new Tensor[] {x},
        g -> new Tensor[] {p == 0f ? Tensor.zeros(x.shape) : g.mul(x.pow(p - 1f)).mul(p)});
  }

  static Tensor scale(Tensor x, float s) {
    float[] src = x.contiguousData();
    float[] out = new float[src.length];
    Parallel.forRange(
        src.length,
        GRAIN,
        (from, to) -> Elementwise.affine(out, from, src, from, to - from, s, 0f));
    return Tensor.record(
        Tensor.wrap(out, x.shape),
        "mul",
        new Tensor[] {x},
        Tensor.NONE,
        g -> new Tensor[] {g.mul(s)});
  }

  static Tensor extreme(Tensor a, Tensor b, boolean max) {
    String name = max ? "maximum" : "minimum";
    Tensor out = binaryRaw(max ? Binary.MAX : Binary.MIN, name, a, b);
    return Tensor.record(
        out,
        name,
        new Tensor[] {a, b},
        new Tensor[] {a, b},
        g -> {
          // Winner takes the gradient; a tie splits it in half (torch.maximum's rule).
          Tensor aWins = max ? a.gt(b) : a.lt(b);
          Tensor tie = a.eq(b).mul(0.5f);
          Tensor wa = aWins.add(tie), wb = Tensor.scalar(1f).sub(wa);
          return new Tensor[] {g.mul(wa).sumTo(a.shape), g.mul(wb).sumTo(b.shape)};
        });
  }

  static Tensor compare(Tensor a, Tensor b, Binary op) {
    return binaryRaw(op, op.name().toLowerCase(java.util.Locale.ROOT), a, b);
  }

  static Tensor compare(Tensor a, Tensor ignored, Unary op) {
    return unaryRaw(op, a);
  }

  static Tensor unary(Tensor x, Unary op) {
    Tensor y = unaryRaw(op, x);
    String name = op.name().toLowerCase(java.util.Locale.ROOT);
    return switch (op) {
      case NEG ->
          Tensor.record(y, name, new Tensor[] {x}, Tensor.NONE, g -> new Tensor[] {g.neg()});
      case EXP ->
          Tensor.record(y, name, new Tensor[] {x}, new Tensor[] {y}, g -> new Tensor[] {g.mul(y)});
      case LOG ->
          Tensor.record(y, name, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.div(x)});
      case SQRT ->
          Tensor.record(
              y, name, new Tensor[] {x}, new Tensor[] {y}, g -> new Tensor[] {g.div(y.mul(2f))});
      case ABS ->
          Tensor.record(
              y, name, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(x.sign())});
      case RELU ->
          Tensor.record(
              y,
              name,
              new Tensor[] {x},
              new Tensor[] {y},
              g -> new Tensor[] {reluBackward(g, y)},
              g -> new Tensor[] {g.mul(y.gt(0f))});
      case SIGMOID ->
          Tensor.record(
              y,
              name,
              new Tensor[] {x},
              new Tensor[] {y},
              g -> new Tensor[] {g.mul(y.mul(Tensor.scalar(1f).sub(y)))});
      case TANH ->
          Tensor.record(
              y,
              name,
              new Tensor[] {x},
              new Tensor[] {y},
              g -> new Tensor[] {g.mul(Tensor.scalar(1f).sub(y.square()))});
      case SQUARE ->
          Tensor.record(
              y, name, new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {g.mul(x).mul(2f)});
      case RECIPROCAL ->
          Tensor.record(
              y,
              name,
              new Tensor[] {x},
              new Tensor[] {y},
              g -> new Tensor[] {g.mul(y.square()).neg()});
      case SIGN -> y;
    };
  }

  /** One fused pass: the gradient where the output is positive, else 0. */
  private static Tensor reluBackward(Tensor g, Tensor y) {
    float[] gd = g.contiguousData(), yd = y.contiguousData();
    float[] out = new float[gd.length];
    Parallel.forRange(
        gd.length,
        GRAIN,
        (from, to) -> Elementwise.reluBackward(out, from, gd, from, yd, from, to - from));
    return Tensor.wrap(out, y.shape);
  }

  static Tensor clamp(Tensor x, float lo, float hi) {
    if (lo > hi)
      throw new IllegalArgumentException("clamp: lower bound " + lo + " above upper bound " + hi);
    float[] src = x.contiguousData();
    float[] out = new float[src.length];
    Parallel.forRange(
        src.length,
        GRAIN,
        (from, to) -> Elementwise.clamp(out, from, src, from, to - from, lo, hi));
    Tensor y = Tensor.wrap(out, x.shape);
    return Tensor.record(
        y,
        "clamp",
        new Tensor[] {x},
        new Tensor[] {x},
        g -> new Tensor[] {g.mul(x.ge(lo).mul(x.le(hi)))});
  }
}
