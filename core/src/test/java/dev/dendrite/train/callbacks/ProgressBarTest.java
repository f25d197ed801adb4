package dev.dendrite.train.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.train.TrainEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static TrainEvent.BatchEnded batch(int i, double loss, long millis) {
    return new TrainEvent.BatchEnded(1, i, i, loss, 10, Duration.ofMillis(millis));
  }

  @Test
  void offATerminalAProgressLineFollowsEachIntervalOfEpochTime() {
    StringWriter buf = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(buf, true), false, Duration.ofSeconds(5));
    bar.on(new TrainEvent.RunStarted(1, 2, 10, 100));
    bar.on(new TrainEvent.EpochStarted(1));
    bar.on(batch(1, 1.0, 4_000)); // before the first interval: nothing
    bar.on(batch(2, 0.5, 6_000)); // past 5 s: a line, with the rest of the epoch at 3 s a step
    bar.on(batch(3, 0.0, 9_000)); // 3 s after the last line: nothing
    bar.on(batch(4, 0.0, 12_000)); // 6 s after it: a line
    bar.on(batch(10, 0.0, 30_000)); // the last step: the summary says it
    bar.on(new TrainEvent.EpochEnded(1, Map.of("loss", 0.25), Duration.ofSeconds(30)));
    bar.on(new TrainEvent.RunFinished(1, "completed", Map.of(), Duration.ofSeconds(30)));
    assertThat(buf.toString().lines().toList())
        .containsExactly(
            "epoch 1/2: step 2/10, loss 0.7500, 6.0 s, about 24 s left in the epoch",
            "epoch 1/2: step 4/10, loss 0.3750, 12.0 s, about 18 s left in the epoch",
            "epoch 1/2 loss 0.2500 (30.0 s)",
            "completed after 1 epoch (30.0 s)");
  }

  @Test
  void aNewEpochStartsItsIntervalAfresh() {
    StringWriter buf = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(buf, true), false, Duration.ofSeconds(5));
    bar.on(new TrainEvent.RunStarted(1, 2, 10, 100));
    bar.on(new TrainEvent.EpochStarted(1));
    bar.on(batch(5, 1.0, 20_000));
    bar.on(new TrainEvent.EpochStarted(2));
    bar.on(new TrainEvent.BatchEnded(2, 11, 1, 1.0, 10, Duration.ofMillis(5_000)));
    assertThat(buf.toString()).contains("epoch 1/2: step 5/10").contains("epoch 2/2: step 1/10");
  }

  @Test
  void onATerminalTheBarShowsTheTimeLeft() {
    StringWriter buf = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(buf, true), true);
    bar.on(new TrainEvent.RunStarted(1, 3, 4, 100));
    bar.on(new TrainEvent.EpochStarted(1));
    bar.on(new TrainEvent.BatchEnded(1, 1, 1, 2.0, 10, Duration.ofMillis(500)));
    assertThat(buf.toString())
        .contains("\repoch 1/3 [")
        .contains("] 1/4 loss 2.0000 0.5 s, 1.5 s left");
  }
}
