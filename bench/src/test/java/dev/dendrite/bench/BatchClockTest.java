package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchClockTest {
  /** Batch ends (ns) for batches taking {@code millis[i]} ms each, from time 0. */
  private static long[] ends(double... millis) {
    long[] out = new long[millis.length];
    long t = 0;
    for (int i = 0; i < millis.length; i++) out[i] = t += (long) (millis[i] * 1e6);
    return out;
  }

  private static int[] sizes(int n, int size) {
    int[] s = new int[n];
    Arrays.fill(s, size);
    return s;
  }

  @Test
  void theFirstWindowIsLeftOutAndTheMedianOfTheOthersTaken() {
    // window 2: [100, 100] warm-up, then windows of 1+1, 2+2, 4+4 ms at 64 samples a batch
    long[] e = ends(100, 100, 1, 1, 2, 2, 4, 4);
    double steady = BatchClock.steadyRate(e, sizes(8, 64), 2);
    assertThat(steady).isCloseTo(128 / 4e-3, within(1e-6)); // the middle of 64k, 32k, 16k
  }

  @Test
  void anEvenNumberOfWindowsGivesTheMeanOfTheMiddleTwo() {
    long[] e = ends(50, 1, 2, 4, 8);
    double steady = BatchClock.steadyRate(e, sizes(5, 10), 1);
    // rates 10k, 5k, 2.5k, 1.25k per second: the median is (5k + 2.5k) / 2
    assertThat(steady).isCloseTo(3750, within(1e-6));
  }

  @Test
  void aLastWindowThatIsNotFullIsLeftOut() {
    // window 2: warm-up, then 2 ms per batch, then a short last batch that took 100 ms
    long[] e = ends(10, 10, 2, 2, 100);
    int[] s = {64, 64, 64, 64, 8};
    assertThat(BatchClock.steadyRate(e, s, 2)).isCloseTo(128 / 4e-3, within(1e-6));
  }

  @Test
  void windowsCountSamplesNotBatches() {
    // a short last batch of an epoch inside a window counts its own samples
    long[] e = ends(5, 1, 1);
    int[] s = {64, 64, 16};
    assertThat(BatchClock.steadyRate(e, s, 1)).isCloseTo(40_000, within(1e-6)); // 64k and 16k
  }

  @Test
  void fewerThanTwoWindowsHaveNoSteadyState() {
    assertThat(BatchClock.steadyRate(ends(1, 1, 1), sizes(3, 64), 2)).isNaN();
    assertThat(BatchClock.steadyRate(new long[0], new int[0], 1)).isNaN();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> BatchClock.steadyRate(ends(1), sizes(1, 1), 0))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> BatchClock.steadyRate(ends(1, 1), sizes(1, 1), 1))
        .hasMessageContaining("2 batch ends, 1 sizes");
  }

  @Test
  void theListenerRecordsEveryBatchAndGrows() throws InterruptedException {
    BatchClock clock = new BatchClock();
    for (int i = 0; i < 3000; i++) clock.batchEnded(32);
    double rate = clock.steadyRate(1000);
    assertThat(rate).isPositive(); // two windows after the first, each of 32,000 samples
    assertThat(clock.steadyRate(2000)).isNaN();
  }

  @Test
  void median() {
    assertThat(BatchClock.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(BatchClock.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(BatchClock.median(new double[0])).isNaN();
  }
}
