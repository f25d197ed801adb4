package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.train.ConfusionMatrix;
import dev.dendrite.train.Trainer;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot confusion}: the test confusion matrix as a heat map, true classes down the
 * side, predictions across. A cell's colour is its share of its row (the recall of that true class
 * spread over the predictions) on the viridis scale, dark violet 0 to bright yellow 1; its count is
 * written in it.
 */
@Command(
    name = "confusion",
    mixinStandardHelpOptions = true,
    description = "The test confusion matrix as a PNG heat map with counts and class names.")
final class PlotConfusionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** RIGHT holds the colour scale: a gap, the bar BAR pixels wide, its tick labels. */
  static final int CELL = 44, TOP = 40, RIGHT = 92, BOTTOM = 12, CHAR = 7, BAR = 14;

  @Option(
      names = "--model",
      required = true,
      description = "A model archive written by `dendrite train --output`.")
  Path model;

  @Mixin Options.SavedData data;

  @Option(names = "--output", paramLabel = "FILE", description = "The PNG file to write.")
  Path output;

  // The option's earlier name, kept so that scripts written for it still run.
  @Option(names = "--out", hidden = true)
  void out(Path p) {
    output = p;
  }

  @Override
  public Integer call() throws IOException {
    if (output == null) throw Shared.usage(spec, "needs --output FILE.png");
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    Labeled test = data.test(a.info(), spec.commandLine().getOut());
    ConfusionMatrix cm = Trainer.evaluate(a.model(), new CrossEntropyLoss(), test, 256).confusion();
    BufferedImage img = render(cm, test.classes());
    Png.write(img, output);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: %d × %d classes, accuracy %.2f%% on %d test examples, %d × %d pixels%n",
            output,
            cm.classes(),
            cm.classes(),
            100 * cm.accuracy(),
            cm.total(),
            img.getWidth(),
            img.getHeight());
    return 0;
  }

  /**
   * Width of the class-name column: "9 Ankle boot" at {@value #CHAR} pixels a character, plus
   * margins.
   */
  static int left(List<String> names) {
    int chars = 0;
    for (int c = 0; c < names.size(); c++)
      chars = Math.max(chars, (c + " " + names.get(c)).length());
    return 16 + CHAR * chars;
  }

  /**
   * Width = left(names) + n·CELL + RIGHT, height = TOP + n·CELL + BOTTOM; cell (t, p) starts at
   * (left + p·CELL, TOP + t·CELL).
   */
  static BufferedImage render(ConfusionMatrix cm, List<String> names) {
    int n = cm.classes(), left = left(names);
    BufferedImage img =
        new BufferedImage(
            left + n * CELL + RIGHT, TOP + n * CELL + BOTTOM, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    String predicted = "predicted class →";
    g.drawString(predicted, left + Math.max(0, (n * CELL - fm.stringWidth(predicted)) / 2), 14);
    g.drawString("true class ↓", 8, TOP - 6);
    for (int p = 0; p < n; p++) {
      String s = Integer.toString(p);
      g.drawString(s, left + p * CELL + (CELL - fm.stringWidth(s)) / 2, TOP - 6);
    }
    scale(img, g, left + n * CELL + 12, n * CELL);
    for (int t = 0; t < n; t++) {
      long row = 0;
      for (int p = 0; p < n; p++) row += cm.count(t, p);
      g.setColor(Color.BLACK);
      g.drawString(t + " " + names.get(t), 8, TOP + t * CELL + (CELL + fm.getAscent()) / 2 - 2);
      for (int p = 0; p < n; p++) {
        int rgb = Png.viridis(row == 0 ? 0 : (double) cm.count(t, p) / row);
        int x = left + p * CELL, y = TOP + t * CELL;
        g.setColor(new Color(rgb));
        g.fillRect(x, y, CELL, CELL);
        String s = Long.toString(cm.count(t, p));
        g.setColor(Png.luminance(rgb) > 128 ? Color.BLACK : Color.WHITE);
        g.drawString(s, x + (CELL - fm.stringWidth(s)) / 2, y + (CELL + fm.getAscent()) / 2 - 2);
      }
    }
    g.dispose();
    return img;
  }

  /**
   * The viridis bar from 1 (top) to 0 (bottom) beside the cells, ticks at 0, 0.5 and 1, and what it
   * measures.
   */
  private static void scale(BufferedImage img, Graphics2D g, int x0, int h) {
    for (int y = 0; y < h; y++) {
      int rgb = Png.viridis(1 - y / (double) (h - 1));
      for (int x = 0; x < BAR; x++) img.setRGB(x0 + x, TOP + y, rgb);
    }
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    String[] ticks = {"1", "0.5", "0"};
    for (int i = 0; i < ticks.length; i++) {
      int y = TOP + (h - 1) * i / (ticks.length - 1);
      g.drawLine(x0 + BAR, y, x0 + BAR + 3, y);
      g.drawString(
          ticks[i],
          x0 + BAR + 6,
          Math.min(TOP + h, Math.max(TOP + fm.getAscent(), y + fm.getAscent() / 2)));
    }
    g.drawString("share of row", x0, TOP - 6);
  }
}
