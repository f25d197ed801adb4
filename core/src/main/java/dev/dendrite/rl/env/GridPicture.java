package dev.dendrite.rl.env;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws a grid world as an RGB image: coloured cells of {@link #CELL} pixels with their letter, and
 * the agent as a red disc. The grid worlds' {@code frame()} and the demos' policy pictures share
 * it, so that an arrow drawn at {@link #centre} lands on the right cell.
 */
public final class GridPicture {
  /** The side of a cell in pixels. */
  public static final int CELL = 48;

  private GridPicture() {}

  /** A cell's colour. */
  @FunctionalInterface
  public interface CellColour {
    Color at(int row, int col);
  }

  /** A cell's label ("" for none). */
  @FunctionalInterface
  public interface CellLabel {
    String at(int row, int col);
  }

  /**
   * The grid with the agent at {@code (agentRow, agentCol)}; a negative row draws no agent. The
   * image is {@code cols * CELL} by {@code rows * CELL} pixels.
   */
  public static BufferedImage draw(
      int rows, int cols, CellColour colour, CellLabel label, int agentRow, int agentCol) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(cols * CELL, rows * CELL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, CELL / 4));
    FontMetrics fm = g.getFontMetrics();
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < cols; c++) {
        Color fill = colour.at(r, c);
        g.setColor(fill);
        g.fillRect(c * CELL, r * CELL, CELL, CELL);
        g.setColor(new Color(120, 120, 120));
        g.drawRect(c * CELL, r * CELL, CELL - 1, CELL - 1);
        String text = label.at(r, c);
        if (!text.isEmpty()) {
          boolean dark = fill.getRed() + fill.getGreen() + fill.getBlue() < 300;
          g.setColor(dark ? Color.WHITE : new Color(60, 60, 60));
          g.drawString(text, c * CELL + 4, r * CELL + fm.getAscent() + 2);
        }
      }
    if (agentRow >= 0) {
      g.setColor(new Color(220, 40, 40));
      int d = CELL / 2;
      g.fillOval(agentCol * CELL + (CELL - d) / 2, agentRow * CELL + (CELL - d) / 2, d, d);
    }
    g.dispose();
    return img;
  }

  /** The pixel at the centre of a cell, {x, y}. */
  public static int[] centre(int row, int col) {
    return new int[] {col * CELL + CELL / 2, row * CELL + CELL / 2};
  }

  /**
   * Draws an arrow in a cell pointing in a grid direction ({@code dRow}, {@code dCol} in -1..1), as
   * the policy pictures do.
   */
  public static void arrow(Graphics2D g, int row, int col, int dRow, int dCol, Color colour) {
    int[] c = centre(row, col);
    int len = CELL * 3 / 10;
    int x2 = c[0] + dCol * len, y2 = c[1] + dRow * len;
    int x1 = c[0] - dCol * len, y1 = c[1] - dRow * len;
    g.setColor(colour);
    g.setStroke(new BasicStroke(3f));
    g.drawLine(x1, y1, x2, y2);
    int h = CELL / 8;
    // the two barbs, at right angles to each other, behind the tip
    g.drawLine(x2, y2, x2 - dCol * h - dRow * h, y2 - dRow * h + dCol * h);
    g.drawLine(x2, y2, x2 - dCol * h + dRow * h, y2 - dRow * h - dCol * h);
  }
}
