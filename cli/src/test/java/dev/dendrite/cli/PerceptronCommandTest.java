package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PerceptronCommandTest {
  @Test
  void andAndOrConvergeXorIsReportedAsNotSeparable() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("perceptron")).isZero();
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("outputs [0, 0, 0, 1]; converged").contains("outputs [0, 1, 1, 1]; converged")
        .contains("XOR").contains("not linearly separable");
  }
}
