package dev.dendrite.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.Unflatten;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.conv.Conv2d;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.ConfusionMatrix;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  private static int level(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xFF; // blue channel: equals the gray level
  }

  /**
   * Unflatten → Conv2d(1, 4, 3): filter 0 the identity (centre 1), 1 all −1, 2 all +1, 3 zero; no
   * bias.
   */
  private static Path cnnArchive(Path dir) throws IOException {
    Rng rng = new Rng(1);
    Conv2d conv = new Conv2d(1, 4, 3, 1, 0, rng);
    Sequential m =
        new Sequential(
            new Unflatten(1, 28, 28),
            conv,
            new ReLU(),
            new Flatten(1, -1),
            new Linear(4 * 26 * 26, 10, rng));
    float[] w = new float[36];
    w[4] = 1;
    for (int i = 9; i < 18; i++) w[i] = -1;
    for (int i = 18; i < 27; i++) w[i] = 1;
    try (var off = Grad.disabled()) {
      conv.namedParameters().get("weight").copyFrom(Tensor.of(w, 4, 1, 3, 3));
      conv.namedParameters().get("bias").fill(0);
    }
    Path f = dir.resolve("cnn.dnd");
    ModelArchive.save(
        f,
        m,
        Map.of(
            "dendrite.data",
            "fashion_mnist",
            "dendrite.classes",
            Json.write(FashionMnist.CLASSES)));
    return f;
  }

  @Test
  void filtersAreAGridOnOneSymmetricGrayScale(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("filters.png");
    CliRun r =
        CliRun.of(
            "plot", "filters", "--model", cnnArchive(dir).toString(), "--out", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    // 4 tiles of 3·16 = 48 pixels in 2 columns: 2·8 + 2·48 + 4 = 116 wide, widened to the scale's
    // 150 + 2·8 = 166;
    // 24 + 8 + 2·48 + 4 = 132 high, and 46 for the scale: 178.
    assertThat(img.getWidth()).isEqualTo(166);
    assertThat(img.getHeight()).isEqualTo(178);
    Png.Grid g = new Png.Grid(4, 48, 48, Png.Grid.LEGEND);
    assertThat(level(img, g.x(0) + 24, g.y(0) + 24))
        .isEqualTo(255); // the identity's centre: the largest weight
    assertThat(level(img, g.x(0) + 2, g.y(0) + 2)).isEqualTo(128); // its zero corners: mid-gray
    assertThat(level(img, g.x(1) + 30, g.y(1) + 10)).isEqualTo(0); // all −1: black
    assertThat(level(img, g.x(2) + 5, g.y(2) + 40)).isEqualTo(255); // all +1: white
    assertThat(level(img, g.x(3) + 20, g.y(3) + 20)).isEqualTo(128); // zero
    // The scale under the tiles runs from the most negative weight (black) to the most positive
    // (white).
    int barY = g.legendY() + 2 + Png.BAR_H / 2;
    assertThat(level(img, Png.Grid.MARGIN, barY)).isEqualTo(0);
    assertThat(level(img, Png.Grid.MARGIN + Png.Grid.LEGEND_WIDTH / 2, barY)).isBetween(126, 129);
    assertThat(level(img, Png.Grid.MARGIN + Png.Grid.LEGEND_WIDTH - 1, barY)).isEqualTo(255);
  }

  @Test
  void featureMapsCarryTheirScale() throws IOException {
    Tensor image = Tensor.of(new float[] {0, 1, 2, 3}, 1, 2, 2),
        maps = Tensor.of(new float[] {0, 1, 2, 3, 3, 2, 1, 0}, 2, 2, 2);
    BufferedImage img = PlotFeaturesCommand.render(image, maps, "t");
    Png.Grid g = new Png.Grid(3, 84, 84, Png.Grid.LEGEND);
    assertThat(img.getHeight()).isEqualTo(g.height());
    int barY = g.legendY() + 2 + Png.BAR_H / 2;
    assertThat(level(img, Png.Grid.MARGIN, barY)).isEqualTo(0);
    assertThat(level(img, Png.Grid.MARGIN + Png.Grid.LEGEND_WIDTH - 1, barY)).isEqualTo(255);
  }

  @Test
  void theConfusionScaleRunsFromOneAtTheTopToZero() {
    ConfusionMatrix cm = new ConfusionMatrix(List.of("a", "b"));
    cm.add(0, 0);
    cm.add(1, 0);
    BufferedImage img = PlotConfusionCommand.render(cm, List.of("a", "b"));
    int x =
        PlotConfusionCommand.left(List.of("a", "b"))
            + 2 * PlotConfusionCommand.CELL
            + 12
            + PlotConfusionCommand.BAR / 2;
    assertThat(img.getRGB(x, PlotConfusionCommand.TOP) & 0xFFFFFF).isEqualTo(Png.viridis(1));
    assertThat(
            img.getRGB(x, PlotConfusionCommand.TOP + 2 * PlotConfusionCommand.CELL - 1) & 0xFFFFFF)
        .isEqualTo(Png.viridis(0));
  }

  @Test
  void theIdentityFiltersMapIsTheImageItself(@TempDir Path dir) throws IOException {
    assumeTrue(
        dev.dendrite.data.FashionMnist.find() != null, "dataset-fashion-mnist is not installed");
    Path png = dir.resolve("maps.png");
    CliRun r =
        CliRun.of(
            "plot",
            "features",
            "--model",
            cnnArchive(dir).toString(),
            "--index",
            "3",
            "--out",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    // The image (28 · 3 = 84) and 4 maps (26 · 3 = 78) in 84-pixel tiles, 3 columns, 2 rows, and
    // the scale's band.
    assertThat(img.getWidth()).isEqualTo(2 * 8 + 3 * 84 + 2 * 4);
    assertThat(img.getHeight()).isEqualTo(24 + 8 + 2 * 84 + 4 + Png.Grid.LEGEND);
    float[] x = FashionMnist.load(false).features().select(0, 3).toArray();
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (int y = 1; y < 27; y++) {
      for (int c = 1; c < 27; c++) {
        lo = Math.min(lo, x[y * 28 + c]);
        hi = Math.max(hi, x[y * 28 + c]);
      }
    }
    Png.Grid g = new Png.Grid(5, 84, 84);
    for (int y = 0; y < 26; y += 5) {
      for (int c = 0; c < 26; c += 5) {
        int expected = Png.level((x[(y + 1) * 28 + c + 1] - lo) / (hi - lo));
        assertThat(level(img, g.x(1) + 3 * c + 1, g.y(1) + 3 * y + 1))
            .as("map 0 at (%d, %d)", y, c)
            .isEqualTo(expected);
      }
    }
    assertThat(
            CliRun.of(
                    "plot",
                    "features",
                    "--model",
                    dir.resolve("cnn.dnd").toString(),
                    "--index",
                    "10000",
                    "--out",
                    png.toString())
                .err()
                .lines())
        .containsExactly(
            "dendrite plot features: --index must be in [0, 10000), got 10000",
            "see 'dendrite plot features --help'");
  }

  @Test
  void confusionHeatMapIsBrightestOnTheDiagonal() {
    ConfusionMatrix cm = new ConfusionMatrix(List.of("cat", "dog", "bird"));
    int[][] counts = {{50, 2, 1}, {3, 40, 7}, {0, 5, 30}};
    for (int t = 0; t < 3; t++)
      for (int p = 0; p < 3; p++) for (int k = 0; k < counts[t][p]; k++) cm.add(t, p);
    BufferedImage img = PlotConfusionCommand.render(cm, List.of("cat", "dog", "bird"));
    int left = PlotConfusionCommand.left(List.of("cat", "dog", "bird")),
        cell = PlotConfusionCommand.CELL;
    assertThat(left).isEqualTo(16 + 7 * "2 bird".length());
    assertThat(img.getWidth()).isEqualTo(left + 3 * cell + PlotConfusionCommand.RIGHT);
    assertThat(img.getHeight())
        .isEqualTo(PlotConfusionCommand.TOP + 3 * cell + PlotConfusionCommand.BOTTOM);
    double best = -1;
    int bestT = -1, bestP = -1;
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        int rgb =
            img.getRGB(left + p * cell + 3, PlotConfusionCommand.TOP + t * cell + 3)
                & 0xFFFFFF; // a corner, clear of the count
        assertThat(rgb)
            .isEqualTo(
                Png.viridis(counts[t][p] / (double) (counts[t][0] + counts[t][1] + counts[t][2])));
        if (Png.luminance(rgb) > best) {
          best = Png.luminance(rgb);
          bestT = t;
          bestP = p;
        }
      }
    }
    assertThat(bestT).isEqualTo(bestP).isZero();
  }

  @Test
  void confusionOfATrainedModelFromTheCommandLine(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("iris.dnd"), png = dir.resolve("cm.png");
    assertThat(
            CliRun.of(
                    "train",
                    "--epochs",
                    "30",
                    "--optimizer",
                    "adam",
                    "--lr",
                    "0.01",
                    "--output",
                    m.toString())
                .code())
        .isZero();
    CliRun r = CliRun.of("plot", "confusion", "--model", m.toString(), "--out", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 × 3 classes");
    BufferedImage img = ImageIO.read(png.toFile());
    int left =
        PlotConfusionCommand.left(List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica"));
    assertThat(img.getWidth())
        .isEqualTo(left + 3 * PlotConfusionCommand.CELL + PlotConfusionCommand.RIGHT);
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).count()).isZero();
    CliRun bad = CliRun.of("plot", "filters", "--model", m.toString(), "--out", png.toString());
    assertThat(bad.err().strip())
        .isEqualTo("dendrite plot filters: " + m + " has no Conv2d layer at its top level to show");
  }
}
