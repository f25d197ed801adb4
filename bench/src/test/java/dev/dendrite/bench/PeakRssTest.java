package dev.dendrite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeakRssTest {
  @Test
  void readsVmHwmInKilobytes() {
    List<String> status =
        List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  1340416 kB", "VmRSS:\t 1 kB");
    assertThat(PeakRss.mb(status)).isEqualTo(1309.0);
    assertThat(PeakRss.mb(List.of("Name:\tx"))).isNaN();
  }

  @Test
  void thisProcessHasAPeak() {
    assertThat(PeakRss.mb()).isGreaterThan(1.0);
  }
}
