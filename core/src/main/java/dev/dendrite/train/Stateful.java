package dev.dendrite.train;

import dev.dendrite.tensor.Rng;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A listener whose decisions depend on what it has seen (a plateau's best value and patience
 * counter), or a step with state of its own (its random generator): {@link Trainer} saves its state
 * in each checkpoint and gives it back on resume, so a resumed run goes on as an uninterrupted one
 * would.
 */
public interface Stateful {
  /** A name unique among the run's listeners; its state is saved under {@code key + "." + name}. */
  String key();

  Map<String, Double> state();

  void restore(Map<String, Double> state);

  /**
   * A generator's 64-bit state as two 32-bit halves, {@code rng_hi} and {@code rng_lo}: a double
   * holds only 53 bits exactly.
   */
  static Map<String, Double> rngState(Rng rng) {
    long s = rng.state();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rng_hi", (double) (s >>> 32));
    m.put("rng_lo", (double) (s & 0xFFFFFFFFL));
    return m;
  }

  /**
   * Puts back what {@link #rngState} saved; leaves {@code rng} alone when the halves are missing.
   */
  static void restoreRng(Rng rng, Map<String, Double> state) {
    Double hi = state.get("rng_hi"), lo = state.get("rng_lo");
    if (hi == null || lo == null) return;
    rng.restore((hi.longValue() << 32) | lo.longValue());
  }
}
