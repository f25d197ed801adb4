package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every command shares: exit codes, error lines, the option languages, help and completion.
 */
class MainTest {
  @Test
  void aUsageErrorExitsTwoWithOneLineAndAPointerToTheHelp() {
    CliRun r = CliRun.of("train", "--epochs", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .containsExactly(
            "dendrite train: --epochs must be >= 1, got 0", "see 'dendrite train --help'");
    r = CliRun.of("train", "--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("dendrite train: Unknown option: '--no-such-option'")
        .endsWith("see 'dendrite train --help'\n")
        .doesNotContain("Usage:");
  }

  @Test
  void aFailureWhileRunningExitsOne() {
    CliRun r = CliRun.of("eval", "--model", "no-such-model.dnd");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).containsExactly("dendrite eval: no-such-model.dnd: no such file");
  }

  @Test
  void enumValuesAreCaseInsensitiveAndTheDataSetTakesItsUsualSpelling() {
    CliRun r = CliRun.of("train", "--optimizer", "Adam", "--data", "IRIS", "--epochs", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("optimizer adam,").contains("data iris:");
    // Parsed before any data is read: the bad value below is --epochs, so fashion-mnist must have
    // been accepted.
    r = CliRun.of("train", "--data", "fashion-mnist", "--epochs", "0");
    assertThat(r.err()).startsWith("dendrite train: --epochs must be >= 1");
    r = CliRun.of("train", "--data", "mnist");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("dendrite train: --data: expected iris or fashion_mnist, got 'mnist'");
  }

  @Test
  void optionLanguagesAreCheckedWhenTheCommandLineIsParsed() {
    String[][] bad = {
      {"--schedule", "step:0:0.5", "--schedule: step:N:GAMMA needs N >= 1, got 'step:0:0.5'"},
      {
        "--schedule",
        "linear",
        "--schedule: expected cosine, step:N:GAMMA or exp:GAMMA, got 'linear'"
      },
      {
        "--class-weights",
        "1,x,2",
        "--class-weights: expected 'balanced' or numbers such as 1,2.5,1; 'x' is not a number"
      },
      {
        "--image-size",
        "28x",
        "--image-size: expected N or HxW with sizes >= 1, e.g. 28x28, got '28x'"
      },
      {"--augment", "jitter:2", "--augment: unknown augmentation \"jitter:2\""},
    };
    for (String[] b : bad) {
      CliRun r = CliRun.of("train", b[0], b[1]);
      assertThat(r.code()).as(b[1]).isEqualTo(2);
      assertThat(r.err()).as(b[1]).startsWith("dendrite train: " + b[2]);
    }
    CliRun r = CliRun.of("train", "--class-weights", "1,2", "--epochs", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("dendrite train: --class-weights: 2 weights for 3 classes");
  }

  @Test
  void offATerminalTrainingPrintsLinesNotARedrawnBar() {
    CliRun r = CliRun.of("train", "--epochs", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("\r")
        .doesNotContain("\033")
        .contains("epoch 1/2 loss")
        .contains("completed after 2 epochs");
  }

  @Test
  void aScheduleGivesTheNumbersItGaveAsText() {
    CliRun r = CliRun.of("train", "--epochs", "3", "--schedule", "step:1:0.5", "--val-split", "0");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("lr 0.0500 ").contains("lr 0.0250 ").contains("lr 0.0125 ");
  }

  @Test
  void helpListsEveryCommandBenchIncluded() {
    CliRun r = CliRun.of("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("  bench ").contains("  completion ").contains("  train ");
    r = CliRun.of("bench", "gemm");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("./dendrite bench gemm");
  }

  @Test
  void everyHelpTextPrintsWithoutPicocliWarnings() {
    for (String cmd :
        new String[] {
          "train",
          "eval",
          "predict",
          "summary",
          "conv-size",
          "compare-params",
          "perceptron",
          "train-text",
          "generate",
          "forecast",
          "completion"
        }) {
      CliRun r = CliRun.of(cmd, "--help");
      assertThat(r.code()).as(cmd).isZero();
      assertThat(r.err()).as(cmd).isEmpty();
      assertThat(r.out())
          .as(cmd)
          .startsWith("Usage: dendrite " + cmd)
          .doesNotContain("[picocli WARN]");
    }
  }

  @Test
  void everyDescriptionIsAValidFormatString() {
    // picocli formats descriptions: a lone % prints a warning on stderr and the raw text (a 75%
    // must be written 75%%).
    java.util.ArrayDeque<picocli.CommandLine> todo =
        new java.util.ArrayDeque<>(List.of(Main.commandLine()));
    int seen = 0;
    while (!todo.isEmpty()) {
      picocli.CommandLine cl = todo.pop();
      todo.addAll(cl.getSubcommands().values());
      List<String> texts =
          new java.util.ArrayList<>(List.of(cl.getCommandSpec().usageMessage().description()));
      for (var o : cl.getCommandSpec().options()) texts.addAll(List.of(o.description()));
      for (String t : texts) {
        assertThatCode(() -> String.format(java.util.Locale.ROOT, t))
            .as(cl.getCommandSpec().qualifiedName() + ": " + t)
            .doesNotThrowAnyException();
        seen++;
      }
    }
    assertThat(seen).isGreaterThan(100);
  }

  @Test
  void completionPrintsABashScriptForTheCommandsAndOptions() {
    CliRun r = CliRun.of("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("train-text").contains("--early-stopping");
  }

  @Test
  void plotsWriteOutputAndTheOldOutStillWorks(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CliRun r = CliRun.of("plot", "filters", "--model", "model.dnd");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("dendrite plot filters: needs --output FILE.png");
    String missing = dir.resolve("none.dnd").toString();
    assertThat(CliRun.of("plot", "filters", "--model", missing, "--out", "f.png").err())
        .startsWith("dendrite plot filters: " + missing + ": no such file");
    assertThat(CliRun.of("plot", "filters", "--model", missing, "--output", "f.png").err())
        .startsWith("dendrite plot filters: " + missing + ": no such file");
    assertThat(CliRun.of("plot", "filters", "--help").out())
        .contains("--output")
        .doesNotContain("--out=")
        .doesNotContain("--out ");
  }

  @Test
  void summaryTakesAnImageSizeAsTrainDoes() {
    CliRun r =
        CliRun.of("summary", "../examples/specs/cnn-small-fashion.json", "--input", "1x28x28");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            CliRun.of("summary", "../examples/specs/cnn-small-fashion.json", "--input", "1,28,28")
                .out());
  }
}
