package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart on a linear scale (values may be negative), for curves such as returns per episode;
 * {@link LogPlot} draws positive values on a log scale.
 */
final class LinePlot {
  record Curve(String label, double[] y, Color color) {}

  private static final int W = 800, H = 500, LEFT = 80, RIGHT = 20, TOP = 40, BOTTOM = 60;

  private LinePlot() {}

  /** Draws the curves against their index; {@code floor} clips values below it (NaN: none). */
  static void write(
      Path file, String title, String xLabel, String yLabel, List<Curve> curves, double floor)
      throws IOException {
    write(file, title, xLabel, yLabel, curves, floor, Integer::toString);
  }

  /** As above, the x axis's tick at index t labelled {@code xTick(t)} (a rate on a log scale). */
  static void write(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      List<Curve> curves,
      double floor,
      java.util.function.IntFunction<String> xTick)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
    int n = 0;
    for (Curve c : curves) {
      n = Math.max(n, c.y().length);
      for (double v : c.y()) {
        double x = Double.isNaN(floor) ? v : Math.max(v, floor);
        hi = Math.max(hi, x);
        lo = Math.min(lo, x);
      }
    }
    if (n < 2 || !(hi >= lo)) throw new IllegalArgumentException("nothing to plot");
    if (hi == lo) hi = lo + 1;
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    for (int k = 0; k <= 8; k++) {
      double v = lo + (hi - lo) * k / 8;
      int y = TOP + (int) Math.round(ph * (hi - v) / (hi - lo));
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, y, LEFT + pw, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.4g", v), 8, y + 4);
    }
    int xs = Math.max(1, (n - 1) / 10);
    for (int t = 0; t < n; t += xs) {
      int x = LEFT + (int) Math.round(pw * t / (double) (n - 1));
      String tick = xTick.apply(t);
      g.drawString(tick, x - 4 * tick.length(), TOP + ph + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(xLabel, LEFT + pw / 2 - 40, H - 22);
    g.drawString(yLabel, LEFT + 6, TOP + 16);
    g.setStroke(new BasicStroke(2f));
    int legend = 0;
    for (Curve c : curves) {
      g.setColor(c.color());
      int px = -1, py = -1;
      for (int t = 0; t < c.y().length; t++) {
        double v = Double.isNaN(floor) ? c.y()[t] : Math.max(c.y()[t], floor);
        int x = LEFT + (int) Math.round(pw * t / (double) (n - 1)),
            y = TOP + (int) Math.round(ph * (hi - v) / (hi - lo));
        if (px >= 0) g.drawLine(px, py, x, y);
        px = x;
        py = y;
      }
      int ly = TOP + ph - 60 + 18 * legend;
      g.drawLine(LEFT + pw - 220, ly, LEFT + pw - 195, ly);
      g.drawString(c.label(), LEFT + pw - 188, ly + 4);
      legend++;
    }
    g.dispose();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JDK");
        });
  }
}
