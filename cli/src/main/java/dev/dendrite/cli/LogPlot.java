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
 * Line plots with a log₁₀ y axis, written as PNG: one curve per series against its index. Values
 * that are zero or below the axis floor (float32 underflow) are drawn on the floor, so a curve that
 * vanished is seen to have vanished rather than dropped out.
 */
final class LogPlot {
  record Curve(String label, double[] y, Color color) {}

  private static final int W = 800, H = 500, LEFT = 80, RIGHT = 20, TOP = 40, BOTTOM = 60;

  private LogPlot() {}

  static void write(Path file, String title, String xLabel, String yLabel, List<Curve> curves)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
    int n = 0;
    for (Curve c : curves) {
      n = Math.max(n, c.y().length);
      for (double v : c.y()) {
        if (v > 0) {
          hi = Math.max(hi, Math.log10(v));
          lo = Math.min(lo, Math.log10(v));
        }
      }
    }
    if (n < 2 || !(hi >= lo)) throw new IllegalArgumentException("nothing to plot");
    int top = (int) Math.ceil(hi),
        floor = (int) Math.floor(Math.max(lo, hi - 40)); // at most 40 decades
    if (top == floor) top++;
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    int step = Math.max(1, (top - floor) / 10);
    for (int d = floor; d <= top; d += step) {
      int y = TOP + (int) Math.round(ph * (top - d) / (double) (top - floor));
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, y, LEFT + pw, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString("1e" + d, 8, y + 4);
    }
    int xs = Math.max(1, (n - 1) / 10);
    for (int t = 0; t < n; t += xs) {
      int x = LEFT + (int) Math.round(pw * t / (double) (n - 1));
      g.drawString(Integer.toString(t), x - 8, TOP + ph + 18);
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
        double v = c.y()[t] > 0 ? Math.max(Math.log10(c.y()[t]), floor) : floor;
        int x = LEFT + (int) Math.round(pw * t / (double) (n - 1)),
            y = TOP + (int) Math.round(ph * (top - v) / (top - floor));
        if (px >= 0) g.drawLine(px, py, x, y);
        px = x;
        py = y;
      }
      g.drawLine(
          LEFT + pw - 200,
          TOP + ph - 60 + 18 * legend,
          LEFT + pw - 175,
          TOP + ph - 60 + 18 * legend);
      g.drawString(c.label(), LEFT + pw - 168, TOP + ph - 56 + 18 * legend);
      legend++;
    }
    g.dispose();
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this JDK");
        });
  }

  static String sci(double v) {
    return String.format(Locale.ROOT, "%9.2e", v);
  }
}
