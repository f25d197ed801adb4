package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector loops of the optimizer updates against their own scalar tails, element by element (n =
 * 1).
 */
class UpdatesTest {
  static final int N = 53;

  static float[] rnd(SplittableRandom r, boolean positive) {
    float[] a = new float[N];
    for (int i = 0; i < N; i++)
      a[i] = (float) (positive ? r.nextDouble(0.1, 1) : r.nextDouble(-1, 1));
    return a;
  }

  interface Update {
    void run(float[][] s, int off, int n);
  }

  /**
   * Runs the update once over all N (vector loop + tail) and once per element (tail only); compares
   * every array.
   */
  static void same(Update u, float[]... state) {
    float[][] a = new float[state.length][], b = new float[state.length][];
    for (int i = 0; i < state.length; i++) {
      a[i] = state[i].clone();
      b[i] = state[i].clone();
    }
    for (int step = 0; step < 3; step++) {
      u.run(a, 0, N);
      for (int e = 0; e < N; e++) u.run(b, e, 1);
    }
    for (int i = 0; i < state.length; i++) {
      for (int e = 0; e < N; e++)
        assertThat(a[i][e])
            .as("array %d element %d", i, e)
            .isCloseTo(b[i][e], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  @Test
  void vectorAndScalarPathsAgree() {
    SplittableRandom r = new SplittableRandom(1);
    float[] p = rnd(r, false),
        g = rnd(r, false),
        x = rnd(r, true),
        y = rnd(r, false),
        z = rnd(r, false);
    same(
        (s, o, n) ->
            Updates.sgd(s[0], o, s[1], o, s[2], o, n, 0.1f, 0.9f, 0.1f, true, 0.01f, false),
        p,
        g,
        z);
    same(
        (s, o, n) ->
            Updates.adam(
                s[0], o, s[1], o, s[2], s[3], s[4], o, n, 0.01f, 0.9f, 0.99f, 1e-8f, 0.1f, true, 3),
        p,
        g,
        x,
        x,
        x);
    same(
        (s, o, n) ->
            Updates.rmsprop(
                s[0], o, s[1], o, s[2], s[3], s[4], o, n, 0.01f, 0.9f, 1e-8f, 0.1f, 0.5f),
        p,
        g,
        x,
        y,
        z);
    same(
        (s, o, n) ->
            Updates.rmsprop(s[0], o, s[1], o, s[2], null, null, o, n, 0.01f, 0.9f, 1e-8f, 0f, 0f),
        p,
        g,
        x);
    same(
        (s, o, n) -> Updates.adagrad(s[0], o, s[1], o, s[2], o, n, 0.1f, 0.1f, 1e-10f, 0.1f, 2),
        p,
        g,
        x);
  }

  /**
   * Momentum decaying through the subnormal range: flushed to zero, in the vector loop and the tail
   * alike.
   */
  @Test
  void decayingStateIsFlushedToZeroBelowTheNormalRange() {
    int n = 37; // two vectors of 16 and a tail of 5
    float[] p = new float[n], g = new float[n], buf = new float[n];
    java.util.Arrays.fill(p, 0.5f);
    for (int i = 0; i < n; i++)
      buf[i] = Float.MIN_NORMAL * (1 + i * 0.002f); // just above the subnormal range
    Updates.sgd(
        p, 0, g, 0, buf, 0, n, 0.1f, 0.9f, 0f, false, 0f,
        false); // g = 0: buf = 0.9·buf, below MIN_NORMAL
    for (int i = 0; i < n; i++) {
      assertThat(buf[i]).as("momentum %d", i).isEqualTo(0f);
      assertThat(p[i]).as("parameter %d", i).isEqualTo(0.5f);
    }
    // Normal values are untouched: 0.9·b exactly as float arithmetic gives it.
    java.util.Arrays.fill(buf, 1e-3f);
    Updates.sgd(p, 0, g, 0, buf, 0, n, 0.1f, 0.9f, 0f, false, 0f, false);
    for (int i = 0; i < n; i++) assertThat(buf[i]).isEqualTo(0.9f * 1e-3f);
    // Adam's moments and RMSprop's average likewise.
    float[] m = new float[n], v = new float[n], sq = new float[n];
    java.util.Arrays.fill(m, Float.MIN_NORMAL);
    java.util.Arrays.fill(v, Float.MIN_NORMAL);
    java.util.Arrays.fill(sq, Float.MIN_NORMAL);
    Updates.adam(p, 0, g, 0, m, v, null, 0, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false, 5);
    Updates.rmsprop(p, 0, g, 0, sq, null, null, 0, n, 1e-3f, 0.99f, 1e-8f, 0f, 0f);
    for (int i = 0; i < n; i++) {
      assertThat(m[i]).isEqualTo(0f);
      assertThat(v[i]).isEqualTo(0f);
      assertThat(sq[i]).isEqualTo(0f);
    }
  }
}
