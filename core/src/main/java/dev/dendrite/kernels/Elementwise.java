package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pointwise kernels over flat arrays: {@code out[oo + i] = op(a[ao + i·as], b[bo + i·bs])}.
 *
 * <p>Strides are in elements. The Vector API carries the strides-{0,1} cases (contiguous, or one
 * operand broadcast as a scalar); anything else runs the scalar loop. Each operator has its own
 * loop with the operator as a constant: a lane-wise op chosen at run time would not be
 * intrinsified.
 */
public final class Elementwise {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  private Elementwise() {}

  /** Binary operators. Comparisons give 1 for true and 0 for false. */
  public enum Binary {
    ADD,
    SUB,
    MUL,
    DIV,
    MAX,
    MIN,
    POW,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE
  }

  /** Unary operators. */
  public enum Unary {
    NEG,
    EXP,
    LOG,
    SQRT,
    ABS,
    RELU,
    SIGMOID,
    TANH,
    SIGN,
    RECIPROCAL,
    SQUARE
  }

  /** {@code out[oo+i] = op(a[ao+i·as], b[bo+i·bs])} for i in [0, n). */
  public static void binary(
      Binary op, float[] out, int oo, float[] a, int ao, int as, float[] b, int bo, int bs, int n) {
    int i = 0;
    boolean vec = (as | bs) >>> 1 == 0 && (as | bs) != 0; // both strides in {0,1}, not both 0
    if (vec) i = binaryVector(op, out, oo, a, ao, as, b, bo, bs, n);
    for (; i < n; i++) out[oo + i] = binary1(op, a[ao + i * as], b[bo + i * bs]);
  }

  /** The scalar form of {@code op}. */
  public static float binary1(Binary op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      // NaN propagates, as in torch.maximum/minimum.
      case MAX -> x != x || y != y ? Float.NaN : Math.max(x, y);
      case MIN -> x != x || y != y ? Float.NaN : Math.min(x, y);
      case POW -> (float) Math.pow(x, y);
      case EQ -> x == y ? 1f : 0f;
      case NE -> x != y ? 1f : 0f;
      case LT -> x < y ? 1f : 0f;
      case LE -> x <= y ? 1f : 0f;
      case GT -> x > y ? 1f : 0f;
      case GE -> x >= y ? 1f : 0f;
    };
  }

  /**
   * The vector loops, one per operator and stride pattern. Written out rather than through a helper
   * that picks "broadcast or load": merging the two kinds of vector in one loop crashed C2 (SIGSEGV
   * in the compiled loop), and separate loops are also what the JIT compiles best.
   */
  private static int binaryVector(
      Binary op, float[] o, int oo, float[] a, int ao, int as, float[] b, int bo, int bs, int n) {
    int bound = S.loopBound(n);
    switch (op) {
      case ADD -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .add(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).add(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.add(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      case SUB -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .sub(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).sub(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      case MUL -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .mul(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).mul(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      case DIV -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .div(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).div(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.div(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      case MAX -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .max(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).max(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.max(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      case MIN -> {
        if (as == 1 && bs == 1) {
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i)
                .min(FloatVector.fromArray(S, b, bo + i))
                .intoArray(o, oo + i);
        } else if (as == 1) {
          FloatVector y = FloatVector.broadcast(S, b[bo]);
          for (int i = 0; i < bound; i += L)
            FloatVector.fromArray(S, a, ao + i).min(y).intoArray(o, oo + i);
        } else {
          FloatVector x = FloatVector.broadcast(S, a[ao]);
          for (int i = 0; i < bound; i += L)
            x.min(FloatVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
        }
      }
      default -> {
        return 0;
      }
    }
    return bound;
  }

  /** {@code out[oo+i] = op(a[ao+i])} for i in [0, n); contiguous. */
  public static void unary(Unary op, float[] out, int oo, float[] a, int ao, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case NEG -> {
        for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).neg().intoArray(out, oo + i);
      }
      // The transcendental loops are methods of their own: inlined into this switch, C2 runs out of
      // its node budget, calls Vmath without inlining and boxes every vector (4-5× slower).
      case EXP -> i = exps(out, oo, a, ao, bound);
      case LOG -> {} // scalar Math.log below: the same bits in every JIT tier
      case SQRT -> {
        for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).sqrt().intoArray(out, oo + i);
      }
      case ABS -> {
        for (; i < bound; i += L) FloatVector.fromArray(S, a, ao + i).abs().intoArray(out, oo + i);
      }
      case RELU -> {
        // max(x, 0) would turn NaN into NaN too, but keep the explicit compare so -0 maps to 0 as
        // in PyTorch.
        for (; i < bound; i += L) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          VectorMask<Float> neg = x.compare(VectorOperators.LE, 0f);
          x.blend(0f, neg).intoArray(out, oo + i);
        }
      }
      case SIGMOID -> i = sigmoids(out, oo, a, ao, bound);
      case TANH -> i = tanhs(out, oo, a, ao, bound);
      case SQUARE -> {
        for (; i < bound; i += L) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          x.mul(x).intoArray(out, oo + i);
        }
      }
      case RECIPROCAL -> {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += L)
          one.div(FloatVector.fromArray(S, a, ao + i)).intoArray(out, oo + i);
      }
      default -> {}
    }
    for (; i < n; i++) out[oo + i] = scalar(op, a[ao + i]);
  }

  private static int exps(float[] out, int oo, float[] a, int ao, int bound) {
    for (int i = 0; i < bound; i += L)
      Vmath.exp(FloatVector.fromArray(S, a, ao + i)).intoArray(out, oo + i);
    return bound;
  }

  private static int sigmoids(float[] out, int oo, float[] a, int ao, int bound) {
    for (int i = 0; i < bound; i += L)
      Vmath.sigmoid(FloatVector.fromArray(S, a, ao + i)).intoArray(out, oo + i);
    return bound;
  }

  private static int tanhs(float[] out, int oo, float[] a, int ao, int bound) {
    for (int i = 0; i < bound; i += L)
      Vmath.tanh(FloatVector.fromArray(S, a, ao + i)).intoArray(out, oo + i);
    return bound;
  }

  static float scalar(Unary op, float x) {
    return switch (op) {
      case NEG -> -x;
      case EXP -> Vmath.exp(x);
      case LOG -> (float) Math.log(x);
      case SQRT -> (float) Math.sqrt(x);
      case ABS -> Math.abs(x);
      case RELU -> x > 0 ? x : (x != x ? x : 0f);
      case SIGMOID -> Vmath.sigmoid(FloatVector.broadcast(S, x)).lane(0);
      case TANH -> Vmath.tanh(FloatVector.broadcast(S, x)).lane(0);
      case SIGN -> x > 0 ? 1f : x < 0 ? -1f : x != x ? x : 0f;
      case RECIPROCAL -> 1f / x;
      case SQUARE -> x * x;
    };
  }

  /** {@code out[oo+i] = min(max(a[ao+i], lo), hi)}; NaN stays NaN. */
  public static void clamp(float[] out, int oo, float[] a, int ao, int n, float lo, float hi) {
    int bound = S.loopBound(n);
    int i = 0;
    FloatVector vlo = FloatVector.broadcast(S, lo), vhi = FloatVector.broadcast(S, hi);
    for (; i < bound; i += L)
      FloatVector.fromArray(S, a, ao + i).max(vlo).min(vhi).intoArray(out, oo + i);
    for (; i < n; i++) out[oo + i] = Math.min(Math.max(a[ao + i], lo), hi);
  }

  /** {@code out[oo+i] = a[ao+i] ^ p} for a scalar exponent. */
  public static void powScalar(float[] out, int oo, float[] a, int ao, int n, float p) {
    if (p == 2f) {
      unary(Unary.SQUARE, out, oo, a, ao, n);
    } else if (p == 1f) {
      System.arraycopy(a, ao, out, oo, n);
    } else if (p == 0.5f) {
      unary(Unary.SQRT, out, oo, a, ao, n);
    } else {
      int bound = S.loopBound(n);
      int i = 0;
      for (; i < n; i++)
        out[oo + i] = (float) Math.pow(a[ao + i], p); // scalar: the same bits in every JIT tier
    }
  }

  /** {@code y[yo+i] += alpha · x[xo+i]}. */
  public static void axpy(float[] y, int yo, float alpha, float[] x, int xo, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    FloatVector va = FloatVector.broadcast(S, alpha);
    for (; i < bound; i += L) {
      FloatVector.fromArray(S, x, xo + i)
          .fma(va, FloatVector.fromArray(S, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
  }

  /** {@code out[oo+i] = a[ao+i]·alpha + beta}. */
  public static void affine(
      float[] out, int oo, float[] a, int ao, int n, float alpha, float beta) {
    int bound = S.loopBound(n);
    int i = 0;
    FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
    for (; i < bound; i += L)
      FloatVector.fromArray(S, a, ao + i).fma(va, vb).intoArray(out, oo + i);
    for (; i < n; i++) out[oo + i] = a[ao + i] * alpha + beta;
  }

  /**
   * ReLU's backward: {@code out[i] = y[i] > 0 ? g[i] : 0} (y the ReLU's output; NaN in y gives 0,
   * as PyTorch's threshold_backward).
   */
  public static void reluBackward(
      float[] out, int oo, float[] g, int go, float[] y, int yo, int n) {
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector yv = FloatVector.fromArray(S, y, yo + i);
      FloatVector.fromArray(S, g, go + i)
          .blend(0f, yv.compare(VectorOperators.GT, 0f).not())
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = y[yo + i] > 0 ? g[go + i] : 0f;
  }

  /**
   * Leaky ReLU: {@code out[oo+i] = a[ao+i] > 0 ? a[ao+i] : slope·a[ao+i]}; NaN stays NaN (the
   * product's branch), as {@code where(x > 0, x, slope·x)} gives.
   */
  public static void leakyRelu(float[] out, int oo, float[] a, int ao, int n, float slope) {
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, a, ao + i);
      v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float v = a[ao + i];
      out[oo + i] = v > 0 ? v : v * slope;
    }
  }

  /** Leaky ReLU's backward: {@code out[i] = x[i] > 0 ? g[i] : slope·g[i]} (x the input). */
  public static void leakyReluBackward(
      float[] out, int oo, float[] g, int go, float[] x, int xo, int n, float slope) {
    int i = 0, bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector gv = FloatVector.fromArray(S, g, go + i);
      FloatVector xv = FloatVector.fromArray(S, x, xo + i);
      gv.mul(slope).blend(gv, xv.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = x[xo + i] > 0 ? g[go + i] : g[go + i] * slope;
  }

  /** {@code out[oo+i] = c[co+i·cs] != 0 ? a[ao+i·as] : b[bo+i·bs]}. */
  public static void where(
      float[] out,
      int oo,
      float[] c,
      int co,
      int cs,
      float[] a,
      int ao,
      int as,
      float[] b,
      int bo,
      int bs,
      int n) {
    for (int i = 0; i < n; i++) out[oo + i] = c[co + i * cs] != 0 ? a[ao + i * as] : b[bo + i * bs];
  }

  /**
   * {@code out} (cols × rows, row-major from oo) = the transpose of {@code a} (rows × cols, rows
   * {@code lda} apart from ao), in 32×32 blocks: both sides of a block stay in L1, where an
   * element-by-element strided copy missed the cache on every store (a 512×128 weight: ~8× faster).
   */
  public static void transpose(
      float[] out, int oo, float[] a, int ao, int lda, int rows, int cols) {
    for (int i0 = 0; i0 < rows; i0 += 32) {
      int i1 = Math.min(rows, i0 + 32);
      for (int j0 = 0; j0 < cols; j0 += 32) {
        int j1 = Math.min(cols, j0 + 32);
        for (int i = i0; i < i1; i++) {
          int src = ao + i * lda;
          for (int j = j0; j < j1; j++) out[oo + j * rows + i] = a[src + j];
        }
      }
    }
  }
}
