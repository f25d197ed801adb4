package dev.dendrite.cli;

import dev.dendrite.tensor.Tensor;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Rows of gray images under a title, each row with its label on the left: originals above their
 * reconstructions, Gibbs chains step by step, interpolation strips. Width = 2·MARGIN + label + cols
 * · tile + (cols − 1)·GAP; height = TITLE + rows·tile + (rows − 1)·GAP + MARGIN, tile = h·scale (w
 * · scale across).
 */
final class ImageRows {
  static final int MARGIN = Png.Grid.MARGIN, GAP = Png.Grid.GAP, TITLE = Png.Grid.TITLE;

  private ImageRows() {}

  /** Pixels per value: images are blown up to tiles of about 56 pixels. */
  static int scale(int h, int w) {
    return Math.max(1, 56 / Math.max(h, w));
  }

  /** Width of the label column for these labels (0 when there are none). */
  static int labelWidth(String[] labels) {
    if (labels == null) return 0;
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(probe);
    FontMetrics fm = g.getFontMetrics();
    int w = 0;
    for (String l : labels) w = Math.max(w, fm.stringWidth(l));
    g.dispose();
    return w + GAP * 2;
  }

  /**
   * {@code rows[r]} is (cols, h·w) with values in [0, 1] (clamped), drawn as row r under {@code
   * labels[r]} (or no labels when null); {@code columns} (or null) are captions over the columns.
   */
  static BufferedImage render(
      String title, String[] labels, String[] columns, Tensor[] rows, int h, int w) {
    int sc = scale(h, w), tw = w * sc, th = h * sc;
    int cols = rows[0].size(0), lw = labelWidth(labels), top = TITLE + (columns == null ? 0 : 14);
    int width = 2 * MARGIN + lw + cols * tw + (cols - 1) * GAP;
    int height = top + rows.length * th + (rows.length - 1) * GAP + MARGIN;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.drawString(title, MARGIN, TITLE - 8);
    FontMetrics fm = g.getFontMetrics();
    if (columns != null)
      for (int c = 0; c < cols && c < columns.length; c++) {
        int x = MARGIN + lw + c * (tw + GAP) + (tw - fm.stringWidth(columns[c])) / 2;
        g.drawString(columns[c], x, top - 4);
      }
    for (int r = 0; r < rows.length; r++) {
      int y = top + r * (th + GAP);
      if (labels != null) g.drawString(labels[r], MARGIN, y + th / 2 + fm.getAscent() / 2);
      float[] v = rows[r].toArray();
      for (int c = 0; c < cols; c++) {
        int[] rgb = new int[h * w];
        for (int p = 0; p < rgb.length; p++) rgb[p] = Png.gray(v[c * h * w + p]);
        Png.tile(img, MARGIN + lw + c * (tw + GAP), y, rgb, h, w, sc);
      }
    }
    g.dispose();
    return img;
  }
}
