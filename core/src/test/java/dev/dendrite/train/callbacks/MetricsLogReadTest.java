package dev.dendrite.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.train.TrainEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogReadTest {
  @Test
  void readsWhatItWroteAndSkipsATornLastLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("run.jsonl");
    try (MetricsLog log = new MetricsLog(f, 0)) {
      log.on(new TrainEvent.EpochEnded(1, Map.of("loss", 0.5), Duration.ofMillis(250)));
      log.on(new TrainEvent.EpochEnded(2, Map.of("loss", Double.NaN), Duration.ofMillis(250)));
    }
    Files.writeString(f, "{\"event\": \"epo", StandardOpenOption.APPEND); // a killed write
    var records = MetricsLog.read(f);
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).containsEntry("event", "epoch").containsEntry("loss", 0.5);
    assertThat(records.get(1)).containsEntry("loss", "NaN");
  }

  @Test
  void aBadLineInTheMiddleNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\": 1}\n[1, 2]\n{\"b\": 2}\n");
    assertThatThrownBy(() -> MetricsLog.read(f))
        .isInstanceOf(IOException.class)
        .hasMessage(f + ":2: not a JSON object");
    Path g = Files.writeString(dir.resolve("worse.jsonl"), "\n{\"a\": }\n");
    assertThatThrownBy(() -> MetricsLog.read(g)).hasMessageStartingWith(g + ":2: ");
  }
}
