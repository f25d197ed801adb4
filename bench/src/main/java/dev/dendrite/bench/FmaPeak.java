package dev.dendrite.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fp32 FMA peak of one core, measured rather than taken from a data sheet: twelve independent
 * chains of {@code FloatVector} FMAs at the preferred width, enough to cover the FMA latency on two
 * pipes. The figure is the best of several short bursts, so a busy neighbour lowers it less.
 */
final class FmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FmaPeak() {}

  /** GFLOPS of one thread running FMAs only (an FMA counts as two flops per lane). */
  static double gflopsPerCore(int bursts) {
    double best = 0;
    float sink = 0;
    for (int burst = 0; burst < bursts; burst++) {
      long iters = 2_000_000;
      long t0 = System.nanoTime();
      sink += chains(iters);
      long dt = System.nanoTime() - t0;
      best = Math.max(best, 12.0 * 2 * S.length() * iters / dt);
    }
    if (sink == 42f) System.out.print(""); // keeps the result alive
    return best;
  }

  private static float chains(long iters) {
    FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
    FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
    FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
    for (long i = 0; i < iters; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .add(a8)
        .add(a9)
        .add(a10)
        .add(a11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
