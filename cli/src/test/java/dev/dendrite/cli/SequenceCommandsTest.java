package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-text and generate, forecast, and the recurrent demos, from the command line. */
class SequenceCommandsTest {
  static CliRun run(String... args) {
    return ArchiveCommandsTest.run(args);
  }

  static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aForecastResumedFromItsCheckpointEndsAsTheStraightRun(@TempDir Path dir) throws IOException {
    CliRun straight = run("forecast", "--cell", "gru", "--hidden", "8", "--epochs", "4");
    Path ckpt = dir.resolve("f.ckpt"), log = dir.resolve("f.jsonl");
    CliRun first =
        run(
            "forecast",
            "--cell",
            "gru",
            "--hidden",
            "8",
            "--epochs",
            "2",
            "--checkpoint",
            ckpt.toString());
    CliRun resumed =
        run(
            "forecast",
            "--cell",
            "gru",
            "--hidden",
            "8",
            "--epochs",
            "4",
            "--checkpoint",
            ckpt.toString(),
            "--resume",
            "--metrics-log",
            log.toString());
    for (CliRun r : new CliRun[] {straight, first, resumed})
      assertThat(r.code()).as(r.err()).isZero();
    String test = "GRU +MAE +([0-9.]+) +RMSE +([0-9.]+)";
    assertThat(number(resumed.out(), test)).isEqualTo(number(straight.out(), test));
    assertThat(resumed.out()).doesNotContain("epoch 1/4").contains("epoch 3/4");
    // The log holds the epochs this run trained, each with the validation errors the best epoch is
    // chosen by.
    assertThat(Files.readAllLines(log))
        .filteredOn(l -> l.contains("\"event\":\"epoch\""))
        .hasSize(2)
        .allMatch(l -> l.contains("val_rmse"));
    assertThat(run("forecast", "--resume").err()).contains("--resume needs --checkpoint");
  }

  @Test
  void trainTextThenGenerate(@TempDir Path dir) throws IOException {
    Path corpus = dir.resolve("jack.txt");
    try (InputStream in = getClass().getResourceAsStream("/jack.txt")) {
      Files.write(corpus, in.readAllBytes());
    }
    Path m = dir.resolve("jack.dnd");
    CliRun t =
        run(
            "train-text",
            "--corpus",
            corpus.toString(),
            "--hidden",
            "64",
            "--seq",
            "32",
            "--epochs",
            "25",
            "--batch-size",
            "16",
            "--lr",
            "0.01",
            "--output",
            m.toString());
    assertThat(t.code()).as(t.err()).isZero();
    double lstm = number(t.out(), "LSTM ([0-9.]+) \\(epoch"),
        unigram = number(t.out(), "unigram entropy ([0-9.]+)");
    assertThat(lstm).as(t.out()).isLessThan(unigram / 2);
    CliRun a =
        run(
            "generate",
            "--model",
            m.toString(),
            "--prime",
            "This is ",
            "--length",
            "120",
            "--seed",
            "5");
    CliRun b =
        run(
            "generate",
            "--model",
            m.toString(),
            "--prime",
            "This is ",
            "--length",
            "120",
            "--seed",
            "5");
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(a.out()).isEqualTo(b.out()).startsWith("This is ");
    String corpusText = Files.readString(corpus);
    a.out()
        .strip()
        .chars()
        .forEach(c -> assertThat(corpusText.indexOf(c)).as("character %c", c).isNotNegative());
    CliRun bad = run("generate", "--model", m.toString(), "--prime", "Xylophone");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("does not know").doesNotContain("at dev.dendrite");
    CliRun missing = run("train-text", "--corpus", dir.resolve("none.txt").toString());
    assertThat(missing.err()).contains("none.txt: no such file");
  }

  @Test
  void forecastReportsTheModelNextToTheNaiveBaselines() {
    CliRun f =
        run(
            "forecast",
            "--series",
            "sunspots",
            "--window",
            "24",
            "--epochs",
            "15",
            "--cell",
            "gru");
    assertThat(f.code()).as(f.err()).isZero();
    double model = number(f.out(), "GRU +MAE +([0-9.]+)"),
        naive = number(f.out(), "naive \\(last value\\) +MAE +([0-9.]+)");
    assertThat(f.out()).contains("seasonal naive (11)");
    assertThat(model).as(f.out()).isLessThan(naive);
    CliRun bad = run("forecast", "--series", "co3");
    assertThat(bad.err()).contains("unknown series co3").doesNotContain("at dev.dendrite");
  }

  @Test
  void demoBirnnPrintsBothAccuracies() {
    CliRun d = run("demo", "birnn", "--train", "800", "--epochs", "4");
    assertThat(d.code()).as(d.err()).isZero();
    double uni =
        number(d.out(), "LSTM, hidden [0-9]+ +[0-9]+ parameters +test accuracy +([0-9.]+)%");
    double bi =
        number(
            d.out(),
            "bidirectional LSTM, hidden [0-9]+ × 2 +[0-9]+ parameters +test accuracy +([0-9.]+)%");
    assertThat(bi - uni).as(d.out()).isGreaterThan(15);
  }

  @Test
  void demoVanishingWritesATableAndAPlot(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("v.png");
    CliRun d =
        run(
            "demo",
            "vanishing",
            "--steps",
            "60",
            "--hidden",
            "32",
            "--batch",
            "4",
            "--plot",
            png.toString());
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out())
        .contains("RNN (tanh)")
        .contains("LSTM, forget bias 1")
        .contains("plot written to");
    String[] first =
        d.out()
            .lines()
            .filter(l -> l.matches(" +0 .*"))
            .findFirst()
            .orElseThrow()
            .trim()
            .split(" +");
    String[] last =
        d.out()
            .lines()
            .filter(l -> l.matches(" +59 .*"))
            .findFirst()
            .orElseThrow()
            .trim()
            .split(" +");
    assertThat(Double.parseDouble(first[1]))
        .isLessThan(1e-8 * Double.parseDouble(last[1])); // the RNN at t = 0
    assertThat(Double.parseDouble(first[3]))
        .isGreaterThan(1e-6 * Double.parseDouble(last[3])); // the biased LSTM at t = 0
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(500);
  }
}
