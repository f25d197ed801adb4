package dev.dendrite.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NextIsLargerTest {
  @Test
  void readingTheFutureBeatsTheSameBudgetReadingThePast() {
    NextIsLarger.Result r = NextIsLarger.run(12, 12, 800, 300, 5, 1);
    System.out.printf(
        "uni LSTM(h=%d, %d params) %.1f%%, bi LSTM(h=%d, %d params) %.1f%%, causal ceiling"
            + " %.1f%%%n",
        r.uniHidden(),
        r.uniParams(),
        100 * r.uniAccuracy(),
        r.biHidden(),
        r.biParams(),
        100 * r.biAccuracy(),
        100 * r.ceiling());
    assertThat(r.uniParams())
        .isGreaterThanOrEqualTo(r.biParams()); // the one-directional model is not starved
    assertThat(r.uniParams()).isLessThan(r.biParams() * 11 / 10);
    assertThat(r.uniAccuracy())
        .isLessThan(r.ceiling() + 0.03); // it cannot beat the ceiling (up to sampling noise)
    assertThat(r.uniAccuracy()).isGreaterThan(0.65); // but learns what the past tells
    assertThat(r.biAccuracy()).isGreaterThan(0.93);
    assertThat(r.biAccuracy() - r.uniAccuracy()).isGreaterThan(0.15);
  }

  @Test
  void theCausalCeilingIsThreeQuartersForTenSymbols() {
    assertThat(NextIsLarger.causalCeiling(10)).isCloseTo(0.75, within(1e-12));
    assertThat(NextIsLarger.causalCeiling(2))
        .isCloseTo(0.75, within(1e-12)); // a = 0: p = 1/2; a = 1: p = 0
  }
}
