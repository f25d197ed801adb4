package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --output, then eval and predict on the archive; checkpoint and resume from the command
 * line.
 */
class ArchiveCommandsTest {
  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void trainSaveEvaluateAndPredict(@TempDir Path dir) {
    Path m = dir.resolve("iris.dnd");
    CliRun t =
        run(
            "train",
            "--epochs",
            "40",
            "--optimizer",
            "adam",
            "--lr",
            "0.01",
            "--output",
            m.toString(),
            "--metrics-log",
            dir.resolve("m.jsonl").toString());
    assertThat(t.code()).as(t.err()).isZero();
    CliRun e = run("eval", "--model", m.toString());
    assertThat(e.code()).isZero();
    double acc = Double.parseDouble(e.out().replaceAll("(?s).*accuracy ([0-9.]+)%.*", "$1"));
    assertThat(acc).isGreaterThanOrEqualTo(90.0);
    CliRun p =
        run(
            "predict",
            "--model",
            m.toString(),
            "--input",
            "5.1,3.5,1.4,0.2",
            "--input",
            "6.7,3.0,5.2,2.3");
    assertThat(p.out()).contains("→ Iris-setosa").contains("→ Iris-virginica");
    CliRun bad = run("predict", "--model", m.toString(), "--input", "1,2");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("2 features").contains("4").doesNotContain("\tat ");
  }

  @Test
  void trainsOnACsvFile(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("x,y,label\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      double a = r.nextDouble() * 2 - 1, b = r.nextDouble() * 2 - 1;
      csv.append(a)
          .append(',')
          .append(b)
          .append(',')
          .append(a * a + b * b < 0.5 ? "inside" : "outside")
          .append('\n');
    }
    Path f = java.nio.file.Files.writeString(dir.resolve("circle.csv"), csv);
    CliRun t = run("train", "--csv", f.toString(), "--epochs", "80");
    assertThat(t.code()).as(t.err()).isZero();
    double acc =
        Double.parseDouble(t.out().replaceAll("(?s).*final test accuracy ([0-9.]+)%.*", "$1"));
    assertThat(acc).isGreaterThanOrEqualTo(90.0);
  }

  @Test
  void aModelTrainedOnAFileIsNotEvaluatedOnIrisByGuess(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("shapes.dnd");
    CliRun t =
        run(
            "train",
            "--images",
            "../examples/data/shapes",
            "--epochs",
            "1",
            "--output",
            m.toString());
    assertThat(t.code()).as(t.err()).isZero();
    CliRun e = run("eval", "--model", m.toString());
    assertThat(e.code()).isEqualTo(1);
    assertThat(e.err()).startsWith("dendrite eval: the model was not trained on a named data set");
  }

  @Test
  void aModelTrainedOnACsvFileIsEvaluatedOnItsTestPartAsInTraining(@TempDir Path dir) {
    Path m = dir.resolve("moons.dnd");
    CliRun t =
        run(
            "train",
            "--csv",
            "../examples/data/moons.csv",
            "--epochs",
            "20",
            "--output",
            m.toString());
    assertThat(t.code()).as(t.err()).isZero();
    String trained =
        t.out()
            .replaceAll(
                "(?s).*final test accuracy ([0-9.]+)% on 60 examples \\(loss ([0-9.]+)\\).*",
                "$1 $2");
    CliRun e = run("eval", "--model", m.toString(), "--csv", "../examples/data/moons.csv");
    assertThat(e.code()).as(e.err()).isZero();
    String evaluated =
        e.out().replaceAll("(?s).*accuracy ([0-9.]+)%, loss ([0-9.]+) over 60 examples.*", "$1 $2");
    // eval prints two decimals of the accuracy, train one: compare the loss exactly and the
    // accuracy rounded.
    String[] a = trained.split(" "), b = evaluated.split(" ");
    assertThat(b[1]).isEqualTo(a[1]);
    assertThat(String.format(java.util.Locale.ROOT, "%.1f", Double.parseDouble(b[0])))
        .isEqualTo(a[0]);
    CliRun both =
        run(
            "eval",
            "--model",
            m.toString(),
            "--csv",
            "../examples/data/moons.csv",
            "--data",
            "iris");
    assertThat(both.code()).isEqualTo(2);
  }

  @Test
  void aStoppedRunResumesFromItsCheckpoint(@TempDir Path dir) {
    Path ckpt = dir.resolve("run.ckpt");
    CliRun first = run("train", "--epochs", "3", "--checkpoint", ckpt.toString());
    assertThat(first.code()).isZero();
    CliRun second = run("train", "--epochs", "6", "--checkpoint", ckpt.toString(), "--resume");
    assertThat(second.code()).isZero();
    assertThat(second.out())
        .contains("resuming from")
        .contains("after epoch 3")
        .contains("epoch 4/6")
        .doesNotContain("epoch 1/6");
  }
}
