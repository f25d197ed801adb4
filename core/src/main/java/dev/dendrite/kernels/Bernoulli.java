package dev.dendrite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bernoulli samples against the draws of {@code tensor.Rng} (SplitMix64), eight at a time: draw
 * {@code j} of a generator in state {@code s} is {@code mix(s + (j + 1)·γ)}, a function of the
 * counter alone, so lanes and threads can compute their own draws and get the values {@code
 * nextFloat} gives in turn. The constants are Rng's, which a test holds this to bit for bit.
 */
public final class Bernoulli {
  private static final VectorSpecies<Long> SL = LongVector.SPECIES_512;
  private static final VectorSpecies<Float> SF = FloatVector.SPECIES_256;
  private static final int L = SL.length();
  private static final long GAMMA = 0x9E3779B97F4A7C15L,
      M1 = 0xBF58476D1CE4E5B9L,
      M2 = 0x94D049BB133111EBL;
  private static final LongVector LANE =
      LongVector.fromArray(SL, new long[] {0, 1, 2, 3, 4, 5, 6, 7}, 0);

  private Bernoulli() {}

  /**
   * {@code out[oo + i] = 1} where draw {@code first + i} of a generator in state {@code state} is
   * below {@code p[po + i]}, else 0, for {@code i} in [0, n).
   */
  public static void below(long state, long first, float[] p, int po, float[] out, int oo, int n) {
    FloatVector one = FloatVector.broadcast(SF, 1f), zero = FloatVector.zero(SF);
    int bound = n - n % L, i = 0;
    for (; i < bound; i += L) {
      LongVector z = LANE.add(first + i + 1).mul(GAMMA).add(state);
      z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(M1);
      z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(M2);
      z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
      // 24 bits, exactly representable: the conversion and the power-of-two scale do not round.
      FloatVector u =
          ((FloatVector)
                  z.lanewise(VectorOperators.LSHR, 40).convertShape(VectorOperators.L2F, SF, 0))
              .mul(0x1.0p-24f);
      VectorMask<Float> below = u.compare(VectorOperators.LT, FloatVector.fromArray(SF, p, po + i));
      zero.blend(one, below).intoArray(out, oo + i);
    }
    for (; i < n; i++) out[oo + i] = draw(state, first + i) < p[po + i] ? 1f : 0f;
  }

  /** Draw {@code j} of a generator in state {@code state}, as Rng.nextFloat. */
  static float draw(long state, long j) {
    long z = state + (j + 1) * GAMMA;
    z = (z ^ (z >>> 30)) * M1;
    z = (z ^ (z >>> 27)) * M2;
    z ^= z >>> 31;
    return (z >>> 40) * 0x1.0p-24f;
  }
}
