package dev.dendrite.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dendrite.Golden;
import dev.dendrite.autograd.Grad;
import dev.dendrite.autograd.GradCheck;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Embedding against PyTorch (golden/embedding.json from gen_embedding_golden.py), finite
 * differences and its checks.
 */
class EmbeddingTest {
  @Test
  void matchesPyTorchIncludingThePaddingRow() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/embedding.json")) {
      root = new ObjectMapper().readTree(in);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode g = e.getValue(), c = g.get("config");
      Embedding m =
          new Embedding(
              c.get(0).asInt(),
              c.get(1).asInt(),
              c.get(2).isNull() ? null : c.get(2).asInt(),
              new Rng(0));
      try (var off = Grad.disabled()) {
        m.weight().copyFrom(NormAndInitTest.t(g.get("weight")));
      }
      Tensor y = m.forward(NormAndInitTest.t(g.get("indices")));
      Golden.assertClose(e.getKey() + " output", y, NormAndInitTest.t(g.get("output")), 1e-6);
      y.backward(NormAndInitTest.t(g.get("upstream")));
      Golden.assertClose(
          e.getKey() + " grad weight",
          m.weight().grad(),
          NormAndInitTest.t(g.get("grad_weight")),
          1e-6);
    }
  }

  @Test
  void gradientIsAScatterAddIntoTheRowsLookedUp() {
    Rng rng = new Rng(2);
    Embedding m = new Embedding(6, 3, rng);
    Tensor idx = Tensor.of(new float[] {4, 0, 4, 2, 5, 4}, 2, 3);
    var r = GradCheck.check(in -> m.forward(idx).tanh(), m.weight());
    assertThat(r.passed()).as(r.failure()).isTrue();
    m.zeroGrad();
    m.forward(idx).sum().backward();
    float[] g = m.weight().grad().toArray();
    float[] counts = {1, 0, 1, 0, 3, 1};
    for (int row = 0; row < 6; row++)
      for (int j = 0; j < 3; j++)
        assertThat(g[row * 3 + j]).as("row " + row).isEqualTo(counts[row]);
  }

  @Test
  void paddingRowStartsAtZeroGetsNoGradientAndInitIsStandardNormal() {
    Embedding m = new Embedding(2000, 8, -1, new Rng(3));
    assertThat(m.paddingIdx()).isEqualTo(1999);
    float[] w = m.weight().toArray();
    double sum = 0, sq = 0;
    for (int i = 0; i < 1999 * 8; i++) {
      sum += w[i];
      sq += w[i] * w[i];
    }
    int n = 1999 * 8;
    assertThat(sum / n).isCloseTo(0, within(0.03));
    assertThat(Math.sqrt(sq / n - (sum / n) * (sum / n))).isCloseTo(1, within(0.03));
    for (int j = 0; j < 8; j++) assertThat(w[1999 * 8 + j]).isZero();
    Tensor y = m.forward(Tensor.of(new float[] {1999, 5, 1999}));
    assertThat(y.shape()).containsExactly(3, 8);
    y.mul(Tensor.randn(new Rng(1), 3, 8)).sum().backward();
    float[] g = m.weight().grad().toArray();
    for (int j = 0; j < 8; j++) {
      assertThat(g[1999 * 8 + j]).isZero();
      assertThat(g[5 * 8 + j]).isNotZero();
    }
  }

  @Test
  void badIndicesNameTheIndexAndTheTableSize() {
    Embedding m = new Embedding(10, 4, new Rng(1));
    assertThatThrownBy(() -> m.forward(Tensor.of(new float[] {3, 12})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Embedding(10, 4)")
        .hasMessageContaining("index 12")
        .hasMessageContaining("10 rows");
    assertThatThrownBy(() -> m.forward(Tensor.of(-1f))).hasMessageContaining("index -1");
    assertThatThrownBy(() -> m.forward(Tensor.of(2.5f))).hasMessageContaining("index 2.5");
    assertThatThrownBy(() -> new Embedding(10, 4, 10, new Rng(1)))
        .hasMessageContaining("paddingIdx 10");
    assertThat(m.outputShape(new int[] {2, 7})).containsExactly(2, 7, 4);
  }
}
