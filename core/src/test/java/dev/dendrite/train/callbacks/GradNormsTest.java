package dev.dendrite.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradNormsTest {
  @Test
  void aLayersNormIsTheL2NormOfAllItsGradients() {
    // Linear(2 → 1) on one example under w·x + b − y squared: ∂/∂w = 2r·x, ∂/∂b = 2r
    Linear l = new Linear(2, 1, new Rng(1));
    Module m = new Sequential(l);
    float[] w = l.parameters().get(0).toArray(), b = l.parameters().get(1).toArray();
    float[] x = {0.5f, -2f};
    double r = w[0] * x[0] + w[1] * x[1] + b[0] - 1.0;
    m.forward(Tensor.of(x, 1, 2)).sub(1f).pow(2f).sum().backward();
    GradNorms g = new GradNorms(m, null);
    assertThat(g.layers()).containsExactly("0");
    double expected = 2 * Math.abs(r) * Math.sqrt(x[0] * x[0] + x[1] * x[1] + 1);
    assertThat(g.norms()[0]).isCloseTo(expected, within(1e-5 * expected));
  }

  @Test
  void epochLinesGoToTheMetricsLogPerLayer(@TempDir Path dir) throws Exception {
    Rng rng = new Rng(2);
    Labeled data = new Labeled(Tensor.randn(rng, 64, 4), new int[64], List.of("a", "b", "c"));
    for (int i = 0; i < 64; i++) data.labels()[i] = i % 3;
    Module m = new Sequential(new Linear(4, 8, rng), new ReLU(), new Linear(8, 3, rng));
    Path file = dir.resolve("run.jsonl");
    try (MetricsLog log = new MetricsLog(file, 0)) {
      GradNorms g = new GradNorms(m, log);
      new Trainer(
              m,
              new CrossEntropyLoss(),
              g.watch(new SGD(0.1).create(m.parameters())),
              new TrainConfig(2, 16, 1))
          .listen(log)
          .listen(g)
          .fit(data, null);
    }
    List<Map<String, Object>> lines = MetricsLog.read(file);
    List<Map<String, Object>> norms =
        lines.stream().filter(l -> "grad_norms".equals(l.get("event"))).toList();
    assertThat(norms).hasSize(2);
    assertThat(norms.get(1).get("epoch")).isEqualTo(2L);
    assertThat(norms.get(0).get("steps")).isEqualTo(4L);
    @SuppressWarnings("unchecked")
    Map<String, Object> mean = (Map<String, Object>) norms.get(0).get("mean");
    @SuppressWarnings("unchecked")
    Map<String, Object> max = (Map<String, Object>) norms.get(0).get("max");
    assertThat(mean.keySet()).containsExactly("0", "2");
    for (String k : mean.keySet()) {
      double a = ((Number) mean.get(k)).doubleValue(), b = ((Number) max.get(k)).doubleValue();
      assertThat(a).isPositive().isLessThanOrEqualTo(b);
    }
  }
}
