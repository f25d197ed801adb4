package dev.dendrite.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The Fréchet distance and its eigendecomposition against scipy/NumPy (gen_frechet_golden.py). */
class FrechetDistanceTest {
  private static JsonNode cases() throws IOException {
    try (InputStream in = FrechetDistanceTest.class.getResourceAsStream("/golden/frechet.json")) {
      return new ObjectMapper().readTree(in).get("cases");
    }
  }

  private static float[] floats(JsonNode a) {
    float[] f = new float[a.size()];
    for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
    return f;
  }

  @Test
  void distanceMatchesScipySqrtm() throws IOException {
    for (JsonNode c : cases()) {
      int n = c.get("n").asInt(), m = c.get("m").asInt(), d = c.get("d").asInt();
      var a = FrechetDistance.Moments.of(floats(c.get("a")), n, d);
      var b = FrechetDistance.Moments.of(floats(c.get("b")), m, d);
      double want = c.get("fid").asDouble();
      assertThat(FrechetDistance.between(a, b))
          .as("d=" + d)
          .isCloseTo(want, within(1e-9 + 1e-9 * want));
      assertThat(FrechetDistance.between(a, a)).as("self, d=" + d).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void eigenvaluesMatchNumpyAndReconstruct() throws IOException {
    for (JsonNode c : cases()) {
      int n = c.get("n").asInt(), d = c.get("d").asInt();
      double[][] cov = FrechetDistance.Moments.of(floats(c.get("a")), n, d).cov();
      SymmetricEigen e = SymmetricEigen.of(cov);
      double[] got = e.values().clone();
      Arrays.sort(got);
      JsonNode want = c.get("eig_a");
      for (int i = 0; i < d; i++)
        assertThat(got[i]).isCloseTo(want.get(i).asDouble(), within(1e-10));
      double[][] v = e.vectors();
      for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++) {
          double a = 0, vtv = 0;
          for (int k = 0; k < d; k++) {
            a += v[i][k] * e.values()[k] * v[j][k];
            vtv += v[k][i] * v[k][j];
          }
          assertThat(a).isCloseTo(cov[i][j], within(1e-12));
          assertThat(vtv).isCloseTo(i == j ? 1 : 0, within(1e-12));
        }
      double[][] r = e.sqrt(), rr = FrechetDistance.multiply(r, r);
      for (int i = 0; i < d; i++)
        for (int j = 0; j < d; j++) assertThat(rr[i][j]).isCloseTo(cov[i][j], within(1e-10));
    }
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> SymmetricEigen.of(new double[][] {{1, 2}, {0, 1}}))
        .hasMessageContaining("not symmetric at (1, 0)");
    var a = FrechetDistance.Moments.of(new float[] {0, 1, 2, 3}, 2, 2);
    var b = FrechetDistance.Moments.of(new float[] {0, 1, 2}, 3, 1);
    assertThatThrownBy(() -> FrechetDistance.between(a, b))
        .hasMessageContaining("features of 2 and 1 dimensions");
  }
}
