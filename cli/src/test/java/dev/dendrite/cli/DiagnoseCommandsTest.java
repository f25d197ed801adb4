package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandsTest {
  private static String run(String... args) {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void trainDiagnosesUnderfittingAndEvalReadsTheCurvesFromTheArchive(@TempDir Path dir) {
    // three epochs at lr 0.001 barely move from chance
    String out = run("train", "--epochs", "3", "--lr", "0.001", "--seed", "3");
    assertThat(out).contains("diagnosis: underfitting").contains("a larger learning rate");
    Path model = dir.resolve("iris.dnd"), log = dir.resolve("run.jsonl");
    String good =
        run(
            "train",
            "--epochs",
            "40",
            "--seed",
            "3",
            "--sampler",
            "oversample",
            "--output",
            model.toString(),
            "--metrics-log",
            log.toString(),
            "--log-grad-norms");
    assertThat(good).contains("diagnosis: neither");
    String eval = run("eval", "--model", model.toString());
    assertThat(eval).contains("from the training curves").contains("last of 40 epochs");
    String plot =
        run(
            "plot",
            "grad-norms",
            "--metrics-log",
            log.toString(),
            "--output",
            dir.resolve("g.png").toString());
    assertThat(plot).contains("layer 0").contains("layer 2");
    assertThat(dir.resolve("g.png")).isNotEmptyFile();
    CliRun none =
        CliRun.of(
            "plot",
            "grad-norms",
            "--metrics-log",
            log.toString() + "x",
            "--output",
            dir.resolve("h.png").toString());
    assertThat(none.code()).isNotZero();
    assertThat(none.err()).doesNotContain("at dev.dendrite");
  }

  @Test
  void lrFindSuggestsARateThatTrainsIrisAndPlotsIt(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("lr.png");
    String out = run("lr-find", "--seed", "1", "--output", png.toString());
    Matcher m = Pattern.compile("suggested learning rate: ([0-9.e+-]+) \\(steepest").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    double lr = Double.parseDouble(m.group(1));
    // SGD with momentum 0.9 trains this MLP well between about 0.005 and 0.3 (train's default 0.05)
    assertThat(lr).isBetween(0.005, 0.3);
    assertThat(Files.size(png)).isPositive();
    String trained = run("train", "--epochs", "30", "--seed", "1", "--lr", Double.toString(lr));
    Matcher acc = Pattern.compile("final test accuracy ([0-9.]+)%").matcher(trained);
    assertThat(acc.find()).isTrue();
    assertThat(Double.parseDouble(acc.group(1))).isGreaterThanOrEqualTo(90.0);
  }

  @Test
  void badOptionsAreOneLineErrors() {
    CliRun r = CliRun.of("train", "--log-grad-norms");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--metrics-log").doesNotContain("at dev.dendrite");
    CliRun l = CliRun.of("lr-find", "--start", "1", "--end", "0.1");
    assertThat(l.code()).isEqualTo(2);
    assertThat(l.err()).contains("--start");
  }
}
