package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainPredictCommandTest {
  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void trainIris() {
    model = dir.resolve("iris.dnd");
    CliRun t =
        CliRun.of(
            "train",
            "--epochs",
            "40",
            "--optimizer",
            "adam",
            "--lr",
            "0.01",
            "--output",
            model.toString());
    assertThat(t.code()).as(t.err()).isZero();
  }

  @Test
  void limeOnIrisPrintsARankedTableOfQuartileBins() {
    CliRun r =
        CliRun.of(
            "explain",
            "predict",
            "--model",
            model.toString(),
            "--index",
            "0",
            "--method",
            "lime",
            "--samples",
            "1000");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("LIME, quartile bins of 120 training rows, 1000 samples")
        .contains("surrogate R²")
        .containsPattern("  1    (.*petal (length|width).*)");
    // four ranked rows, weights falling in magnitude
    Matcher m = Pattern.compile("(?m)^  (\\d)    .{32} +(−?[0-9.]+)$").matcher(r.out());
    double last = Double.POSITIVE_INFINITY;
    int rows = 0;
    while (m.find()) {
      double w = Math.abs(Double.parseDouble(m.group(2).replace('−', '-')));
      assertThat(w).isLessThanOrEqualTo(last);
      last = w;
      rows++;
    }
    assertThat(rows).isEqualTo(4);
  }

  @Test
  void integratedGradientsOnIrisAreComplete() {
    CliRun r =
        CliRun.of(
            "explain", "predict", "--model", model.toString(), "--index", "3", "--method", "ig");
    assertThat(r.code()).as(r.err()).isZero();
    Matcher m =
        Pattern.compile("sum to (−?[0-9.]+), f\\(x\\) − f\\(baseline\\) = .* = (−?[0-9.]+)")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    double sum = Double.parseDouble(m.group(1).replace('−', '-'));
    double change = Double.parseDouble(m.group(2).replace('−', '-'));
    assertThat(Math.abs(sum - change)).isLessThanOrEqualTo(0.01 * Math.abs(change) + 1e-4);
    assertThat(r.out()).contains("rank feature").contains("petal length");
  }

  @Test
  void everyMethodRunsOnATableAndMistakesAreOneLine() {
    for (String method : new String[] {"saliency", "smoothgrad", "occlusion"}) {
      CliRun r = CliRun.of("explain", "predict", "--model", model.toString(), "--method", method);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("sepal width");
    }
    CliRun bad =
        CliRun.of(
            "explain",
            "predict",
            "--model",
            model.toString(),
            "--out",
            dir.resolve("x.png").toString());
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).doesNotContain("\tat ");
    assertThat(bad.err().strip())
        .startsWith(
            "dendrite explain predict: --output draws images; this model takes a table of"
                + " features");
    CliRun idx = CliRun.of("explain", "predict", "--model", model.toString(), "--index", "99");
    assertThat(idx.err().strip())
        .startsWith("dendrite explain predict: --index must be in [0, 30), got 99");
    CliRun del = CliRun.of("explain", "deletion", "--model", model.toString());
    assertThat(del.err().strip())
        .startsWith(
            "dendrite explain deletion: the deletion curve removes pixels; this model takes a"
                + " table");
  }

  @Test
  void thePictureColoursTheAttributionBySign() {
    int n = 8;
    float[] image = new float[n * n], attr = new float[n * n];
    for (int i = 0; i < n * n; i++) image[i] = (i % n) / (float) n;
    attr[0] = 1f; // for the class: red
    attr[n * n - 1] = -1f; // against: blue
    BufferedImage img = AttributionPicture.render(image, new int[] {1, n, n}, attr, "t");
    Png.Grid g = new Png.Grid(3, n * 21, n * 21, Png.Grid.LEGEND);
    int red = img.getRGB(g.x(1) + 2, g.y(1) + 2),
        blue = img.getRGB(g.x(1) + n * 21 - 2, g.y(1) + n * 21 - 2);
    assertThat(red >> 16 & 255).isGreaterThan(200);
    assertThat(red & 255).isLessThan(100);
    assertThat(blue & 255).isGreaterThan(200);
    assertThat(blue >> 16 & 255).isLessThan(100);
    int middle = img.getRGB(g.x(1) + n * 10, g.y(1) + n * 10);
    assertThat(middle & 0xffffff).isEqualTo(0xffffff); // no attribution: white
  }
}
