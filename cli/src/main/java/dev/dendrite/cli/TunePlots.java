package dev.dendrite.cli;

import dev.dendrite.tune.Param;
import dev.dendrite.tune.Report;
import dev.dendrite.tune.Trial;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of a search: each hyper-parameter against the score, and every trial's learning
 * curve, complete trials in blue, pruned ones in grey ending in a cross, the best in red.
 */
final class TunePlots {
  private static final Color COMPLETE = new Color(31, 119, 180),
      PRUNED = new Color(150, 150, 150),
      BEST = new Color(214, 39, 40);
  private static final int PANEL_W = 320, PANEL_H = 280, LEFT = 56, RIGHT = 14, TOP = 44;
  private static final int BOTTOM = 44;

  private TunePlots() {}

  /** One panel per parameter: its value (log axis for log-uniform ranges) against the score. */
  static void params(
      Path file, Map<String, Param> space, List<Trial> trials, int maxEpochs, String score)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> names = new ArrayList<>(space.keySet());
    int w = PANEL_W * Math.max(1, names.size()), h = PANEL_H + 34;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double[] yr = scoreRange(trials);
    Trial best = Report.best(trials, maxEpochs);
    for (int p = 0; p < names.size(); p++) {
      String name = names.get(p);
      Param param = space.get(name);
      int x0 = p * PANEL_W + LEFT, pw = PANEL_W - LEFT - RIGHT, ph = PANEL_H - TOP - BOTTOM;
      frame(g, x0, TOP, pw, ph, yr, name + " vs " + score, name);
      boolean categorical = param instanceof Param.Choice;
      List<Object> cats = categorical ? param.grid(1) : List.of();
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      if (!categorical) {
        double[] r = range(param);
        lo = r[0];
        hi = r[1];
        for (int k = 0; k <= 4; k++) {
          double v = param.log() ? Math.exp(lo + (hi - lo) * k / 4) : lo + (hi - lo) * k / 4;
          int x = x0 + (int) Math.round(pw * k / 4.0);
          g.setColor(Color.DARK_GRAY);
          g.drawString(Png.tick(v), x - 14, TOP + ph + 16);
        }
      } else {
        for (int k = 0; k < cats.size(); k++) {
          int x = x0 + (int) Math.round(pw * (k + 0.5) / cats.size());
          g.setColor(Color.DARK_GRAY);
          g.drawString(
              Param.Choice.class.isInstance(param) ? str(cats.get(k)) : "", x - 14, TOP + ph + 16);
        }
      }
      // pruned first, so that complete trials and the best are drawn on top
      for (int pass = 0; pass < 3; pass++) {
        for (Trial t : trials) {
          if (t.error() != null || !t.config().containsKey(name)) continue;
          boolean pruned = t.pruned(maxEpochs), isBest = t == best;
          if ((pass == 0) != pruned || (pass == 2) != isBest) continue;
          Object v = t.config().get(name);
          double fx;
          if (categorical) {
            int k = indexOf(cats, v);
            fx = (k + 0.5) / cats.size() + jitter(t.id()) * 0.5 / cats.size();
          } else {
            double d = ((Number) v).doubleValue();
            fx = ((param.log() ? Math.log(d) : d) - lo) / (hi - lo);
          }
          int x = x0 + (int) Math.round(pw * fx),
              y = TOP + (int) Math.round(ph * (yr[1] - t.score()) / (yr[1] - yr[0]));
          g.setColor(isBest ? BEST : pruned ? PRUNED : COMPLETE);
          if (pruned) g.drawOval(x - 3, y - 3, 7, 7);
          else g.fillOval(x - 4, y - 4, 9, 9);
        }
      }
    }
    legend(g, 10, h - 12, true);
    g.dispose();
    Png.write(img, file);
  }

  /** Every trial's score after each epoch. */
  static void curves(Path file, List<Trial> trials, int maxEpochs, String score)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int w = 800, h = 520, pw = w - LEFT - 30, ph = h - TOP - BOTTOM - 30;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    double[] yr = scoreRange(trials);
    frame(g, LEFT, TOP, pw, ph, yr, "learning curves: " + score + " after each epoch", "epoch");
    int n = Math.max(2, maxEpochs);
    for (int e = 1; e <= maxEpochs; e++) {
      int x = LEFT + (int) Math.round(pw * (e - 1) / (double) (n - 1));
      g.setColor(Color.DARK_GRAY);
      if (maxEpochs <= 20 || e % (maxEpochs / 10) == 0)
        g.drawString(Integer.toString(e), x - 4, TOP + ph + 16);
    }
    Trial best = Report.best(trials, maxEpochs);
    for (int pass = 0; pass < 3; pass++) {
      for (Trial t : trials) {
        boolean pruned = t.pruned(maxEpochs), isBest = t == best;
        if (t.error() != null || (pass == 0) != pruned || (pass == 2) != isBest) continue;
        g.setColor(isBest ? BEST : pruned ? PRUNED : COMPLETE);
        g.setStroke(new BasicStroke(isBest ? 2.5f : 1.2f));
        int px = -1, py = -1;
        double[] c = t.curve();
        for (int e = 0; e < c.length; e++) {
          int x = LEFT + (int) Math.round(pw * e / (double) (n - 1)),
              y = TOP + (int) Math.round(ph * (yr[1] - c[e]) / (yr[1] - yr[0]));
          if (px >= 0) g.drawLine(px, py, x, y);
          else if (c.length == 1) g.fillOval(x - 2, y - 2, 5, 5);
          px = x;
          py = y;
        }
        if (pruned && px >= 0) {
          g.setStroke(new BasicStroke(1.5f));
          g.drawLine(px - 4, py - 4, px + 4, py + 4);
          g.drawLine(px - 4, py + 4, px + 4, py - 4);
        }
      }
    }
    g.setStroke(new BasicStroke(1f));
    legend(g, LEFT, h - 14, false);
    g.dispose();
    Png.write(img, file);
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return g;
  }

  /** Axes box, horizontal grid lines with the score's ticks, the title and the x label. */
  private static void frame(
      Graphics2D g, int x0, int y0, int pw, int ph, double[] yr, String title, String xLabel) {
    for (int k = 0; k <= 5; k++) {
      double v = yr[0] + (yr[1] - yr[0]) * k / 5;
      int y = y0 + (int) Math.round(ph * (yr[1] - v) / (yr[1] - yr[0]));
      g.setColor(new Color(232, 232, 232));
      g.drawLine(x0, y, x0 + pw, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.3f", v), x0 - 44, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, y0, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(title, x0, y0 - 14);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(xLabel, x0 + pw / 2 - 3 * xLabel.length(), y0 + ph + 32);
  }

  private static void legend(Graphics2D g, int x, int y, boolean dots) {
    String[] labels = {"complete", "pruned (score at the epoch it stopped)", "best"};
    Color[] colours = {COMPLETE, PRUNED, BEST};
    for (int i = 0; i < 3; i++) {
      g.setColor(colours[i]);
      if (dots) g.fillOval(x, y - 8, 8, 8);
      else g.drawLine(x, y - 4, x + 16, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(labels[i], x + 20, y);
      x += 34 + g.getFontMetrics().stringWidth(labels[i]);
    }
  }

  private static double[] scoreRange(List<Trial> trials) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (Trial t : trials) {
      for (double v : t.curve()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi >= lo)) return new double[] {0, 1};
    double pad = Math.max(1e-3, (hi - lo) * 0.05);
    return new double[] {lo - pad, hi + pad};
  }

  /** The plotted interval of a numeric range (log of the ends for log-uniform). */
  private static double[] range(Param p) {
    return switch (p) {
      case Param.Uniform u -> new double[] {u.lo(), u.hi()};
      case Param.LogUniform l -> new double[] {Math.log(l.lo()), Math.log(l.hi())};
      case Param.IntRange i -> new double[] {i.lo() - 0.5, i.hi() + 0.5};
      case Param.Choice c -> new double[] {0, 1};
    };
  }

  private static int indexOf(List<Object> cats, Object v) {
    for (int k = 0; k < cats.size(); k++) {
      Object c = cats.get(k);
      if (c.equals(v)
          || (c instanceof Number a && v instanceof Number b && a.doubleValue() == b.doubleValue()))
        return k;
    }
    return 0;
  }

  /** A small horizontal offset in [−0.5, 0.5) per trial, so that equal categories do not hide. */
  private static double jitter(int id) {
    return ((id * 0.6180339887) % 1.0) - 0.5;
  }

  private static String str(Object v) {
    return String.valueOf(v);
  }
}
