package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceRateTest {
  @Test
  void everyPassCoversAllRowsInBatchesAndAtLeastTheMinimumPassesRun() {
    List<int[]> calls = new ArrayList<>();
    double rate = InferenceRate.measure(2500, 1000, 0.0, 3, (f, t) -> calls.add(new int[] {f, t}));
    assertThat(rate).isPositive();
    assertThat(calls).hasSize(9);
    assertThat(calls.subList(0, 3))
        .containsExactly(new int[] {0, 1000}, new int[] {1000, 2000}, new int[] {2000, 2500});
  }

  @Test
  void passesRepeatUntilTheMinimumTime() {
    int[] passes = {0};
    long t0 = System.nanoTime();
    InferenceRate.measure(10, 10, 0.05, 1, (f, t) -> passes[0]++);
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(passes[0]).isGreaterThan(1);
  }

  @Test
  void theMedianPassIsReported() throws Exception {
    // passes of ~2 ms, one of them slowed to 300 ms: the median ignores it
    int[] pass = {0};
    double rate =
        InferenceRate.measure(
            100,
            100,
            0.0,
            5,
            (f, t) -> {
              try {
                Thread.sleep(pass[0]++ == 1 ? 300 : 2);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(rate).isBetween(100 / 0.15, 100 / 0.0019);
  }
}
