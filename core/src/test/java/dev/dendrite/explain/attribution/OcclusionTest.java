package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OcclusionTest {
  static ScoreFunction linear(float[] w) {
    return x -> x.matmul(Tensor.of(w, w.length, 1)).reshape(-1).add(1f);
  }

  @Test
  void occludingOneFeatureOfALinearModelGivesWeightTimesValue() {
    float[] w = {2f, -1f, 0.5f, 4f}, x = {1f, 3f, -2f, 0.25f};
    float[] a = Occlusion.of(linear(w), x, null, new int[] {1, 1}, new int[] {1, 1}, 0f).values();
    for (int i = 0; i < 4; i++) assertThat(a[i]).isCloseTo(w[i] * x[i], within(1e-5f));
    // Filled with 1 instead of 0: the drop is w·(x − 1).
    float[] b = Occlusion.of(linear(w), x, null, new int[] {1, 1}, new int[] {1, 1}, 1f).values();
    for (int i = 0; i < 4; i++) assertThat(b[i]).isCloseTo(w[i] * (x[i] - 1), within(1e-5f));
  }

  @Test
  void overlappingWindowsAverageTheDropsThatCoverAPixel() {
    // A 2-channel 3 × 3 image, window 2 × 2 stride 1: four windows; the centre is in all four.
    float[] w = new float[18], x = new float[18];
    for (int i = 0; i < 18; i++) {
      w[i] = i % 5 - 2;
      x[i] = 1 + i * 0.1f;
    }
    Attribution a =
        Occlusion.of(linear(w), x, new int[] {2, 3, 3}, new int[] {2, 2}, new int[] {1, 1}, 0f);
    double[] drop = new double[4];
    for (int p = 0; p < 4; p++) {
      int y0 = p / 2, x0 = p % 2;
      for (int c = 0; c < 2; c++)
        for (int y = y0; y < y0 + 2; y++)
          for (int xx = x0; xx < x0 + 2; xx++)
            drop[p] += w[c * 9 + y * 3 + xx] * x[c * 9 + y * 3 + xx];
    }
    float[] v = a.values();
    assertThat((double) v[4]).isCloseTo((drop[0] + drop[1] + drop[2] + drop[3]) / 4, within(1e-4));
    assertThat((double) v[0]).isCloseTo(drop[0], within(1e-4));
    assertThat((double) v[9 + 1]).isCloseTo((drop[0] + drop[1]) / 2, within(1e-4));
    assertThat(a.score()).isCloseTo(1 + dot(w, x), within(1e-4));
  }

  @Test
  void badWindowsAreErrors() {
    assertThatThrownBy(
            () ->
                Occlusion.of(
                    linear(new float[4]),
                    new float[4],
                    new int[] {1, 2, 3},
                    new int[] {1, 1},
                    new int[] {1, 1},
                    0f))
        .hasMessageContaining("holds 6 values, the input 4");
    assertThatThrownBy(
            () ->
                Occlusion.of(
                    linear(new float[4]),
                    new float[4],
                    null,
                    new int[] {2, 1},
                    new int[] {1, 1},
                    0f))
        .hasMessageContaining("window 2×1");
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
