package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector math built only from exactly rounded operations (add, mul, fma, compare, bit moves).
 *
 * <p>Why not {@code lanewise(EXP)} or {@code reduceLanes(ADD)}: their results differ between the
 * Vector API's Java fallback (used before C2 compiles a method) and the compiled intrinsics (a
 * different exp, a different summation order). A training run then depends on when the JIT kicks
 * in, and two runs with the same seed stop being bit-identical. These versions give the same bits
 * in every tier.
 */
public final class Vmath {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
  private static final float MAGIC = 12582912f; // 1.5·2^23: adding it rounds to an integer

  /** The concrete class of S's vectors (final): see {@link #exact}. */
  private static final Class<? extends Vector<Float>> TYPE = S.vectorType();

  private Vmath() {}

  /**
   * {@code x}, with its concrete class made known to C2. A method that takes a {@code FloatVector}
   * and is compiled on its own knows only the abstract type, and falls back on the type profile of
   * each call inside it; a young profile (the kernels compile early) leaves some of those calls
   * virtual, and a virtual call boxes every vector: such a compile of {@link #exp} ran the LSTM ~3x
   * slower for the rest of the run (seen in one run of three). A cast to a constant class is a type
   * check C2 trusts instead.
   */
  public static FloatVector exact(FloatVector x) {
    return (FloatVector) TYPE.cast(x);
  }

  /**
   * eˣ for float lanes, within about 2 ulp: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite), a degree-6
   * polynomial for eʳ, then 2ⁿ put into the exponent bits. Below −87.3 gives 0, above 88.7 gives
   * inf.
   */
  public static FloatVector exp(FloatVector x) {
    x = exact(x);
    FloatVector xc = x.max(-87.33654f).min(88.72283f);
    FloatVector t = xc.mul(LOG2E).add(MAGIC);
    FloatVector n = t.sub(MAGIC);
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
    r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f);
    p = p.fma(r, FloatVector.broadcast(S, 1.3981999507e-3f));
    p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
    p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
    p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
    p = p.fma(r, FloatVector.broadcast(S, 5.0000001201e-1f));
    p = p.fma(r.mul(r), r).add(1f);
    IntVector e =
        t.reinterpretAsInts()
            .sub(Float.floatToRawIntBits(MAGIC))
            .add(127)
            .lanewise(VectorOperators.LSHL, 23);
    FloatVector y = p.mul(e.reinterpretAsFloats());
    y = y.blend(0f, x.compare(VectorOperators.LT, -87.33654f));
    y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 88.72283f));
    return y.blend(x, x.compare(VectorOperators.NE, x)); // NaN stays NaN
  }

  /** tanh x = sign(x)·(1 − e^{−2|x|}) / (1 + e^{−2|x|}). */
  public static FloatVector tanh(FloatVector x) {
    x = exact(x);
    FloatVector e = exp(x.abs().mul(-2f));
    FloatVector t = FloatVector.broadcast(S, 1f).sub(e).div(e.add(1f));
    return t.blend(t.neg(), x.compare(VectorOperators.LT, 0f))
        .blend(x, x.compare(VectorOperators.NE, x));
  }

  /** σ(x) = 1 / (1 + e^{−x}). */
  public static FloatVector sigmoid(FloatVector x) {
    return FloatVector.broadcast(S, 1f).div(exp(exact(x).neg()).add(1f));
  }

  /** The sum of the lanes in a fixed pairwise order. */
  public static float sum(FloatVector v) {
    int n = S.length();
    float[] a = new float[n];
    exact(v).intoArray(a, 0);
    for (int width = n / 2; width >= 1; width /= 2) {
      for (int i = 0; i < width; i++) a[i] = a[i] + a[i + width];
    }
    return a[0];
  }

  /** The scalar counterpart of {@link #exp(FloatVector)}, bit for bit, for loop tails. */
  public static float exp(float x) {
    FloatVector v = exp(FloatVector.broadcast(S, x));
    return v.lane(0);
  }
}
