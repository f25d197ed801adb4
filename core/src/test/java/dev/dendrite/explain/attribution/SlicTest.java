package dev.dendrite.explain.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicTest {
  /** Quadrant 0..3 of pixel (y, x) in an n × n image. */
  static int quadrant(int y, int x, int n) {
    return (y < n / 2 ? 0 : 2) + (x < n / 2 ? 0 : 1);
  }

  /** Every segment lies inside one quadrant. */
  static void assertPure(int[] labels, int n) {
    Map<Integer, Integer> region = new HashMap<>();
    for (int y = 0; y < n; y++)
      for (int x = 0; x < n; x++) {
        int q = quadrant(y, x, n), l = labels[y * n + x];
        assertThat(region.computeIfAbsent(l, k -> q))
            .as("segment %d at (%d, %d)", l, y, x)
            .isEqualTo(q);
      }
  }

  @Test
  void grayQuadrantsBecomeFourSegments() {
    int n = 16;
    float[] im = new float[n * n];
    float[] level = {0f, 0.3f, 0.6f, 1f};
    for (int y = 0; y < n; y++)
      for (int x = 0; x < n; x++) im[y * n + x] = level[quadrant(y, x, n)];
    int[] l = Slic.segment(im, new int[] {1, n, n}, 4, 0.1, 10);
    assertThat(Slic.count(l)).isEqualTo(4);
    assertPure(l, n);
    // more segments than regions: more pieces, still none across a boundary
    int[] many = Slic.segment(im, new int[] {1, n, n}, 16, 0.1, 10);
    assertThat(Slic.count(many)).isBetween(12, 20);
    assertPure(many, n);
  }

  @Test
  void rgbQuadrantsOfEqualBrightnessAreSeparatedByColour() {
    int n = 12;
    float[][] colour = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5f, 0.5f, 0}};
    float[] im = new float[3 * n * n];
    for (int c = 0; c < 3; c++)
      for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) im[c * n * n + y * n + x] = colour[quadrant(y, x, n)][c];
    int[] l = Slic.segment(im, new int[] {3, n, n}, 4, 0.1, 10);
    assertThat(Slic.count(l)).isEqualTo(4);
    assertPure(l, n);
  }

  @Test
  void limeOnQuadrantSuperpixelsFindsTheOneTheModelReads() {
    int n = 8;
    int[] seg = new int[n * n];
    for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) seg[y * n + x] = quadrant(y, x, n);
    float[] w = new float[n * n], im = new float[n * n];
    for (int i = 0; i < n * n; i++) {
      w[i] = seg[i] == 2 ? 0.1f : 0f; // the model sums the bottom-left quadrant
      im[i] = 1f;
    }
    ScoreFunction f = x -> x.matmul(Tensor.of(w, n * n, 1)).reshape(-1);
    LimeExplanation e = LimeImage.explain(f, im, new int[] {1, n, n}, seg, 300, 4, 0f, 9);
    assertThat(e.features()[0]).isEqualTo(2);
    assertThat(e.weights()[0]).isBetween(1.4, 1.6); // 16 pixels × 0.1, shrunk by alpha 1
    for (int i = 1; i < 4; i++) assertThat(e.weights()[i]).isCloseTo(0, within(0.02));
    assertThat(e.score()).isGreaterThan(0.99);
    float[] a = LimeImage.toAttribution(e, seg, 1).values();
    assertThat(a[(n - 1) * n]).isEqualTo((float) e.weights()[0]);
  }
}
