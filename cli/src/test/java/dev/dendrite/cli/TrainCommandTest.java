package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
  private static String run(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void anMlpLearnsIris() {
    String out = run("train", "--epochs", "60", "--seed", "3");
    Matcher m = Pattern.compile("final test accuracy ([0-9.]+)%").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(90.0);
  }

  @Test
  void aBadOptionGivesAMessageNotAStackTrace() {
    CliRun r = CliRun.of("train", "--epochs", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--epochs").doesNotContain("at dev.dendrite");
  }
}
