package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerceptronCommandTest {
  @Test
  void andAndOrConvergeXorIsReportedAsNotSeparable() {
    CliRun r = CliRun.of("perceptron");
    assertThat(r.code()).isZero();
    String out = r.out();
    assertThat(out)
        .contains("outputs [0, 0, 0, 1]; converged")
        .contains("outputs [0, 1, 1, 1]; converged")
        .contains("XOR")
        .contains("not linearly separable");
  }
}
