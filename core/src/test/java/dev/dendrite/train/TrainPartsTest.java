package dev.dendrite.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dendrite.io.Json;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPartsTest {
  @Test
  void confusionMatrixMetricsMatchScikitLearn() {
    // sklearn: y_true=[0,0,1,1,2,2,2], y_pred=[0,1,1,1,2,0,2]
    ConfusionMatrix cm = new ConfusionMatrix(List.of("a", "b", "c"));
    cm.addAll(new int[] {0, 0, 1, 1, 2, 2, 2}, new int[] {0, 1, 1, 1, 2, 0, 2});
    assertThat(cm.accuracy()).isCloseTo(5.0 / 7, within(1e-12));
    assertThat(cm.precision(0)).isCloseTo(0.5, within(1e-12));
    assertThat(cm.recall(1)).isCloseTo(1.0, within(1e-12));
    assertThat(cm.precision(1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(cm.f1(2)).isCloseTo(0.8, within(1e-12));
    assertThat(cm.macroF1()).isCloseTo((0.5 + 0.8 + 0.8) / 3, within(1e-12));
    assertThat(cm.count(2, 0)).isEqualTo(1);
    assertThat(cm.toString()).contains("accuracy 0.7143");
    assertThatThrownBy(() -> cm.add(3, 0)).hasMessageContaining("class 3");
  }

  @Test
  void earlyStoppingCountsImprovementsBeyondMinDelta() {
    EarlyStopping es = new EarlyStopping("val_loss", true, 2, 0.01, true);
    assertThat(es.improves(0.5, Double.NaN)).isTrue();
    assertThat(es.improves(0.495, 0.5)).isFalse();
    assertThat(es.improves(0.48, 0.5)).isTrue();
    EarlyStopping acc = new EarlyStopping("val_accuracy", false, 1, 0, false);
    assertThat(acc.improves(0.9, 0.8)).isTrue();
    assertThatThrownBy(() -> new EarlyStopping("val_loss", true, 0, 0, true))
        .hasMessageContaining("patience");
  }

  @Test
  void metricsLogWritesOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("logs/m.jsonl");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", 0.25);
    metrics.put("val_accuracy", 0.9);
    try (MetricsLog log = new MetricsLog(f, 2)) {
      log.on(new TrainEvent.BatchEnded(1, 1, 1, 0.7, 32, Duration.ZERO));
      log.on(new TrainEvent.BatchEnded(1, 2, 2, 0.6, 32, Duration.ZERO));
      log.on(new TrainEvent.EpochEnded(1, metrics, Duration.ofMillis(1500)));
      log.on(new TrainEvent.RunFinished(1, "completed", metrics, Duration.ofSeconds(2)));
    }
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(3);
    Map<?, ?> step = (Map<?, ?>) Json.parse(lines.get(0));
    assertThat(step.get("step")).isEqualTo(2L);
    Map<?, ?> epoch = (Map<?, ?>) Json.parse(lines.get(1));
    assertThat(epoch.get("val_accuracy")).isEqualTo(0.9);
    assertThat(epoch.get("seconds")).isEqualTo(1.5);
    assertThat(((Map<?, ?>) Json.parse(lines.get(2))).get("reason")).isEqualTo("completed");
  }

  @Test
  void metricsLogFieldsTagLaterLinesAfterTheEvent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.jsonl");
    try (MetricsLog log = new MetricsLog(f, 0)) {
      log.on(new TrainEvent.EpochEnded(1, Map.of("loss", 0.5), Duration.ZERO));
      log.field("layer", 2);
      log.on(new TrainEvent.EpochEnded(1, Map.of("loss", 0.25), Duration.ZERO));
      log.field("layer", null);
      log.on(new TrainEvent.EpochEnded(2, Map.of("loss", 0.125), Duration.ZERO));
    }
    List<String> lines = Files.readAllLines(f);
    assertThat(lines.get(0)).doesNotContain("layer");
    assertThat(lines.get(1)).startsWith("{\"event\":\"epoch\",\"layer\":2,\"epoch\":1,");
    assertThat(lines.get(2)).doesNotContain("layer");
  }

  @Test
  void progressBarPrintsEpochSummaries() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
    bar.on(new TrainEvent.RunStarted(1, 3, 10, 100));
    bar.on(new TrainEvent.EpochEnded(1, Map.of("val_accuracy", 0.875), Duration.ofMillis(300)));
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("epoch 1/3 val_accuracy 87.50% (0.3 s)");
  }
}
