package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReduceTest {
  @Test
  void sumOverTheMiddleAxisAtManySizes() {
    SplittableRandom r = new SplittableRandom(4);
    for (int[] s :
        new int[][] {
          {1, 1, 1},
          {3, 17, 1},
          {2, 100, 1},
          {5, 3, 33},
          {1, 7, 257},
          {4, 1, 16},
          {3, 0, 5},
          {64, 300, 1},
          {2, 50, 700}
        }) {
      int outer = s[0], red = s[1], inner = s[2];
      float[] a = new float[outer * red * inner + 2];
      for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
      float[] out = new float[outer * inner];
      Reduce.sum(out, 0, a, 2, outer, red, inner);
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          double e = 0;
          for (int k = 0; k < red; k++) e += a[2 + (o * red + k) * inner + i];
          assertThat((double) out[o * inner + i]).isCloseTo(e, within(1e-4));
        }
      }
    }
  }

  @Test
  void extremesReturnTheFirstIndexOfTheBestValue() {
    float[] a = {1, 5, 5, 2, /* row 2 */ -1, -3, -3, 0};
    float[] v = new float[2], idx = new float[2];
    Reduce.extreme(false, v, 0, idx, 0, a, 0, 2, 4, 1);
    assertThat(v).containsExactly(5f, 0f);
    assertThat(idx).containsExactly(1f, 3f);
    Reduce.extreme(true, v, 0, idx, 0, a, 0, 2, 4, 1);
    assertThat(v).containsExactly(1f, -3f);
    assertThat(idx).containsExactly(0f, 1f);
  }

  @Test
  void softmaxRowsSumToOneAndMatchTheDefinition() {
    SplittableRandom r = new SplittableRandom(5);
    for (int n : new int[] {1, 3, 16, 17, 100}) {
      float[] a = new float[3 * n];
      for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-20, 20);
      float[] p = new float[a.length], lp = new float[a.length];
      Reduce.softmaxRows(false, p, 0, a, 0, 3, n);
      Reduce.softmaxRows(true, lp, 0, a, 0, 3, n);
      for (int row = 0; row < 3; row++) {
        double max = Double.NEGATIVE_INFINITY, z = 0, s = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, a[row * n + i]);
        for (int i = 0; i < n; i++) z += Math.exp(a[row * n + i] - max);
        for (int i = 0; i < n; i++) {
          double e = Math.exp(a[row * n + i] - max) / z;
          assertThat((double) p[row * n + i]).isCloseTo(e, within(1e-6));
          assertThat((double) lp[row * n + i])
              .isCloseTo(Math.log(e), within(1e-4 * (1 + Math.abs(Math.log(e)))));
          s += p[row * n + i];
        }
        assertThat(s).isCloseTo(1, within(1e-5));
      }
    }
  }

  @Test
  void parallelForEachRunsEveryTaskOnceAndRethrows() {
    int[] hits = new int[1000];
    Parallel.forEach(
        1000,
        i -> {
          synchronized (hits) {
            hits[i]++;
          }
        });
    for (int h : hits) assertThat(h).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Parallel.forEach(
                    10,
                    i -> {
                      if (i == 7) throw new IllegalStateException("task 7");
                    }))
        .hasMessage("task 7");
  }

  @Test
  void sumOfSquaresAtManyLengths() {
    SplittableRandom r = new SplittableRandom(9);
    for (int n : new int[] {0, 1, 15, 16, 17, 1023, 1024, 65_536, 100_003}) {
      float[] a = new float[n + 3];
      for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-2, 2);
      double want = 0;
      for (int i = 3; i < n + 3; i++) want += (double) a[i] * a[i];
      assertThat(Reduce.sumSquares(a, 3, n)).isCloseTo(want, within(1e-6 * (1 + want)));
    }
  }
}
