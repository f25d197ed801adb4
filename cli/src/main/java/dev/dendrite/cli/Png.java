package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleToIntFunction;
import javax.imageio.ImageIO;

/**
 * Drawing helpers for {@code dendrite plot}: a tile grid, colour maps and their scales, text, and
 * the atomic PNG write.
 */
final class Png {
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Png() {}

  /**
   * {@code count} tiles of tileW × tileH pixels in a near-square grid (⌈√count⌉ columns) under a
   * title band, and {@code legend} pixels below them for a scale (0 for none). Width = max(2·MARGIN
   * + cols·tileW + (cols − 1)·GAP, LEGEND_WIDTH + 2·MARGIN when there is a legend); height = TITLE
   * + MARGIN + rows·tileH + (rows − 1)·GAP + legend.
   */
  record Grid(int count, int tileW, int tileH, int legend) {
    static final int MARGIN = 8, GAP = 4, TITLE = 24, LEGEND = 46, LEGEND_WIDTH = 150;

    Grid(int count, int tileW, int tileH) {
      this(count, tileW, tileH, 0);
    }

    int cols() {
      return (int) Math.ceil(Math.sqrt(count));
    }

    int rows() {
      return (count + cols() - 1) / cols();
    }

    int width() {
      int tiles = 2 * MARGIN + cols() * tileW + (cols() - 1) * GAP;
      return legend == 0 ? tiles : Math.max(tiles, LEGEND_WIDTH + 2 * MARGIN);
    }

    int height() {
      return TITLE + MARGIN + rows() * tileH + (rows() - 1) * GAP + legend;
    }

    int x(int i) {
      return MARGIN + (i % cols()) * (tileW + GAP);
    }

    int y(int i) {
      return TITLE + (i / cols()) * (tileH + GAP);
    }

    /** Top of the legend band. */
    int legendY() {
      return height() - legend;
    }

    BufferedImage canvas(String title) {
      BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = graphics(img);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width(), height());
      g.setColor(Color.BLACK);
      g.drawString(title, MARGIN, TITLE - 8);
      g.dispose();
      return img;
    }
  }

  /**
   * A horizontal colour scale in the legend band of {@code grid}: {@code colour} from 0 (left) to 1
   * (right) over a bar BAR_H pixels high, {@code ticks} spread evenly beneath it, {@code caption}
   * after them.
   */
  static void horizontalScale(
      BufferedImage img, Grid grid, DoubleToIntFunction colour, String[] ticks, String caption) {
    int x0 = Grid.MARGIN,
        y0 = grid.legendY() + 2,
        w = Math.min(Grid.LEGEND_WIDTH, grid.width() - 2 * Grid.MARGIN);
    for (int x = 0; x < w; x++) {
      int rgb = colour.applyAsInt(x / (double) (w - 1));
      for (int y = 0; y < BAR_H; y++) img.setRGB(x0 + x, y0 + y, rgb);
    }
    Graphics2D g = graphics(img);
    g.setColor(Color.GRAY);
    g.drawRect(x0 - 1, y0 - 1, w + 1, BAR_H + 1);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < ticks.length; i++) {
      int at = x0 + (int) Math.round((w - 1) * i / (double) Math.max(1, ticks.length - 1)),
          tw = fm.stringWidth(ticks[i]);
      g.drawLine(at, y0 + BAR_H, at, y0 + BAR_H + 2);
      g.drawString(
          ticks[i],
          Math.max(x0 - Grid.MARGIN / 2, Math.min(at - tw / 2, x0 + w - tw)),
          y0 + BAR_H + 3 + fm.getAscent());
    }
    g.drawString(caption, x0, y0 + BAR_H + 4 + fm.getAscent() + fm.getHeight());
    g.dispose();
  }

  static final int BAR_H = 8;

  /** A number for a scale's tick: three significant digits, and a true minus sign. */
  static String tick(double v) {
    return v == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.3g", v).replace('-', '−');
  }

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(FONT);
    return g;
  }

  /**
   * Paints an h × w plane of RGB values upscaled by {@code scale} (nearest neighbour: each value a
   * square).
   */
  static void tile(BufferedImage img, int x0, int y0, int[] rgb, int h, int w, int scale) {
    for (int y = 0; y < h * scale; y++) {
      for (int x = 0; x < w * scale; x++)
        img.setRGB(x0 + x, y0 + y, rgb[(y / scale) * w + x / scale]);
    }
  }

  /** Gray level of v in [0, 1] (clamped), as 0xRRGGBB. */
  static int gray(double v) {
    int g = level(v);
    return g << 16 | g << 8 | g;
  }

  static int level(double v) {
    return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
  }

  private static final double[][] VIRIDIS = {
    {0.267, 0.005, 0.329},
    {0.283, 0.141, 0.458},
    {0.254, 0.265, 0.530},
    {0.207, 0.372, 0.553},
    {0.164, 0.471, 0.558},
    {0.128, 0.567, 0.551},
    {0.135, 0.659, 0.518},
    {0.267, 0.749, 0.441},
    {0.478, 0.821, 0.318},
    {0.741, 0.873, 0.150},
    {0.993, 0.906, 0.144}
  };

  /**
   * Matplotlib's viridis at v in [0, 1], from 11 of its stops: dark violet to bright yellow,
   * brightness rising with v.
   */
  static int viridis(double v) {
    double t = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
    int i = Math.min((int) t, VIRIDIS.length - 2);
    double f = t - i;
    int rgb = 0;
    for (int c = 0; c < 3; c++)
      rgb = rgb << 8 | level(VIRIDIS[i][c] * (1 - f) + VIRIDIS[i + 1][c] * f);
    return rgb;
  }

  /** Relative luminance of 0xRRGGBB in [0, 255] (Rec. 709 weights). */
  static double luminance(int rgb) {
    return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
  }

  static void write(BufferedImage img, Path out) throws IOException {
    AtomicFiles.write(
        out,
        os -> {
          if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer in this JDK");
        });
  }
}
