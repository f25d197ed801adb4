package dev.dendrite.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A learning curve as PNG: every training episode's return (grey dots) against the environment step
 * it ended at, and the mean of the last 100 episodes (a line), on linear axes.
 */
final class RlCurve {
  private static final int W = 800, H = 480, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 55;

  private RlCurve() {}

  /** Episode ends and returns, in order. */
  static final class Points {
    long[] steps = new long[256];
    double[] returns = new double[256];
    int n;

    void add(long step, double ret) {
      if (n == steps.length) {
        steps = Arrays.copyOf(steps, 2 * n);
        returns = Arrays.copyOf(returns, 2 * n);
      }
      steps[n] = step;
      returns[n++] = ret;
    }
  }

  static void write(Path file, String title, Points p) throws IOException {
    if (p.n == 0) throw new IllegalArgumentException(file + ": no finished episode to plot");
    System.setProperty("java.awt.headless", "true");
    double xMax = Math.max(1, p.steps[p.n - 1]);
    double yMin = 0, yMax = 1;
    for (int i = 0; i < p.n; i++) {
      yMin = Math.min(yMin, p.returns[i]);
      yMax = Math.max(yMax, p.returns[i]);
    }
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(img);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, LEFT, 22);
    for (int k = 0; k <= 5; k++) {
      double yv = yMin + (yMax - yMin) * k / 5;
      int y = TOP + ph - (int) Math.round(ph * k / 5.0);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, y, LEFT + pw, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.0f", yv), 10, y + 4);
      int x = LEFT + (int) Math.round(pw * k / 5.0);
      g.drawString(String.format(Locale.ROOT, "%.0f", xMax * k / 5), x - 15, TOP + ph + 18);
    }
    g.drawRect(LEFT, TOP, pw, ph);
    g.drawString("environment steps", LEFT + pw / 2 - 50, H - 12);
    g.drawString("return", 10, TOP - 8);
    g.setColor(new Color(170, 170, 170));
    for (int i = 0; i < p.n; i++) {
      int x = LEFT + (int) Math.round(pw * p.steps[i] / xMax);
      int y = TOP + ph - (int) Math.round(ph * (p.returns[i] - yMin) / (yMax - yMin));
      g.fillRect(x - 1, y - 1, 2, 2);
    }
    g.setColor(new Color(31, 119, 180));
    g.setStroke(new BasicStroke(2f));
    double sum = 0;
    int px = -1, py = -1;
    for (int i = 0; i < p.n; i++) {
      sum += p.returns[i];
      if (i >= 100) sum -= p.returns[i - 100];
      double mean = sum / Math.min(i + 1, 100);
      int x = LEFT + (int) Math.round(pw * p.steps[i] / xMax);
      int y = TOP + ph - (int) Math.round(ph * (mean - yMin) / (yMax - yMin));
      if (px >= 0) g.drawLine(px, py, x, y);
      px = x;
      py = y;
    }
    g.drawString("mean of the last 100 episodes", LEFT + pw - 200, TOP + 16);
    g.dispose();
    Png.write(img, file);
  }
}
