package dev.dendrite.cli;

import dev.dendrite.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Drawing helpers for {@code dendrite plot}: a tile grid, colour maps, text, and the atomic PNG write. */
final class Png {
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Png() {}

  /**
   * {@code count} tiles of tileW × tileH pixels in a near-square grid (⌈√count⌉ columns) under a title band.
   * Width = 2·MARGIN + cols·tileW + (cols − 1)·GAP; height = TITLE + MARGIN + rows·tileH + (rows − 1)·GAP.
   */
  record Grid(int count, int tileW, int tileH) {
    static final int MARGIN = 8, GAP = 4, TITLE = 24;

    int cols() {
      return (int) Math.ceil(Math.sqrt(count));
    }

    int rows() {
      return (count + cols() - 1) / cols();
    }

    int width() {
      return 2 * MARGIN + cols() * tileW + (cols() - 1) * GAP;
    }

    int height() {
      return TITLE + MARGIN + rows() * tileH + (rows() - 1) * GAP;
    }

    int x(int i) {
      return MARGIN + (i % cols()) * (tileW + GAP);
    }

    int y(int i) {
      return TITLE + (i / cols()) * (tileH + GAP);
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

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(FONT);
    return g;
  }

  /** Paints an h × w plane of RGB values upscaled by {@code scale} (nearest neighbour: each value a square). */
  static void tile(BufferedImage img, int x0, int y0, int[] rgb, int h, int w, int scale) {
    for (int y = 0; y < h * scale; y++) {
      for (int x = 0; x < w * scale; x++) img.setRGB(x0 + x, y0 + y, rgb[(y / scale) * w + x / scale]);
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
      {0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530}, {0.207, 0.372, 0.553}, {0.164, 0.471, 0.558},
      {0.128, 0.567, 0.551}, {0.135, 0.659, 0.518}, {0.267, 0.749, 0.441}, {0.478, 0.821, 0.318}, {0.741, 0.873, 0.150},
      {0.993, 0.906, 0.144}};

  /** Matplotlib's viridis at v in [0, 1], from 11 of its stops: dark violet to bright yellow, brightness rising with v. */
  static int viridis(double v) {
    double t = Math.max(0, Math.min(1, v)) * (VIRIDIS.length - 1);
    int i = Math.min((int) t, VIRIDIS.length - 2);
    double f = t - i;
    int rgb = 0;
    for (int c = 0; c < 3; c++) rgb = rgb << 8 | level(VIRIDIS[i][c] * (1 - f) + VIRIDIS[i + 1][c] * f);
    return rgb;
  }

  /** Relative luminance of 0xRRGGBB in [0, 255] (Rec. 709 weights). */
  static double luminance(int rgb) {
    return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
  }

  static void write(BufferedImage img, Path out) throws IOException {
    AtomicFiles.write(out, os -> {
      if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer in this JDK");
    });
  }
}
