package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dendrite tune} end to end on Iris: a small Hyperband search, resumed, and its mistakes.
 */
class TuneCommandTest {
  @TempDir Path dir;

  private String[] search(String study) {
    return new String[] {
      "tune",
      "--search",
      "hyperband",
      "--trials",
      "9",
      "--max-epochs",
      "9",
      "--param",
      "lr=loguniform(1e-3,0.3)",
      "--param",
      "layers.0.out=choice(4,8)",
      "--study",
      study
    };
  }

  @Test
  void searchesRanksPlotsResumesAndPrintsARunnableTrainCommand() throws IOException {
    String study = dir.resolve("iris.jsonl").toString();
    CliRun r = CliRun.of(search(study));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("bracket 0: rungs at [1, 3, 9] epochs, η = 3")
        .contains("rank  trial    score  epochs")
        .contains("9 trials, ")
        .contains("complete")
        .contains("pruned");
    // one line per job and one record per job, after the header
    long jobs = r.out().lines().filter(l -> l.startsWith("trial ")).count();
    assertThat(Files.readAllLines(Path.of(study))).hasSize((int) jobs + 1);
    BufferedImage params = ImageIO.read(dir.resolve("iris-params.png").toFile());
    assertThat(params.getWidth()).isEqualTo(2 * 320);
    BufferedImage curves = ImageIO.read(dir.resolve("iris-curves.png").toFile());
    assertThat(curves.getWidth()).isEqualTo(800);

    CliRun again = CliRun.of(search(study));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("resuming").contains("(0 jobs this run");
    assertThat(again.out().lines().filter(l -> l.startsWith("trial "))).isEmpty();

    Matcher m = Pattern.compile("\\n  \\./dendrite (train .*)\\n").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    String[] train = m.group(1).split(" ");
    assertThat(m.group(1)).contains("--model " + dir.resolve("iris-best.json"));
    assertThat(Files.readString(dir.resolve("iris-best.json"))).contains("\"out\": ");
    CliRun t = CliRun.of(train);
    assertThat(t.code()).as(Arrays.toString(train) + t.err()).isZero();
    assertThat(t.out()).contains("final test accuracy");
  }

  @Test
  void aMalformedExpressionShowsTheColumn() {
    CliRun r = CliRun.of("tune", "--param", "lr=loguniform(1e-4;1)");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--param 'lr=loguniform(1e-4;1)' at column 19: expected ','")
        .contains("\n  lr=loguniform(1e-4;1)\n                    ^\n");
  }

  @Test
  void anUnknownNameListsTheCloseOnes() {
    CliRun r = CliRun.of("tune", "--param", "layers.0.outt=choice(4,8)");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--param layers.0.outt: no train option and no field of the default model")
        .contains("did you mean layers.0.out, ");
    CliRun e = CliRun.of("tune", "--param", "lrate=uniform(0,1)");
    assertThat(e.err()).contains("did you mean lr?");
  }

  @Test
  void refusesToOversubscribe() {
    CliRun r =
        CliRun.of("tune", "--threads", "2", "--parallel", "3", "--param", "lr=uniform(0.1,1)");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--parallel 3 with 2 threads would oversubscribe the cores");
  }

  @Test
  void searchedEpochsStayWithinTheMaximum() {
    CliRun r = CliRun.of("tune", "--param", "epochs=int(1,20)", "--max-epochs", "9");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--param epochs: values must be in [1, --max-epochs 9]");
  }
}
