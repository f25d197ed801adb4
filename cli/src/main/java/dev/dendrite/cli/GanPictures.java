package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.gan.Gan;
import dev.dendrite.io.AtomicFiles;
import dev.dendrite.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The pictures of {@code dendrite gan}: sample grids, the animated GIF of the per-epoch grids, the
 * latent interpolation strip, and the plot of both losses and of D(x), D(G(z)).
 */
final class GanPictures {
  static final int SCALE = 2;

  private GanPictures() {}

  /** Samples of {@code gan} in eval mode, without a graph; labels null unless conditional. */
  static Tensor generate(Gan gan, Tensor z, Tensor labels) {
    boolean was = gan.isTraining();
    gan.eval();
    try (var off = Grad.disabled()) {
      return gan.generate(z, labels);
    } finally {
      if (was) gan.train();
    }
  }

  /** A near-square grid of samples (N, ...) of H × W pixels in [−1, 1], under a title. */
  static BufferedImage grid(Tensor samples, int h, int w, String title) {
    int n = samples.size(0);
    Png.Grid g = new Png.Grid(n, w * SCALE, h * SCALE);
    BufferedImage img = g.canvas(title);
    paint(img, samples, h, w, i -> g.x(i), i -> g.y(i));
    return img;
  }

  /** One row of samples, e.g. a latent interpolation. */
  static BufferedImage strip(Tensor samples, int h, int w, String title) {
    int n = samples.size(0), gap = Png.Grid.GAP, m = Png.Grid.MARGIN;
    int width = Math.max(2 * m + n * w * SCALE + (n - 1) * gap, 320);
    BufferedImage img =
        new Png.Grid(1, width - 2 * m, h * SCALE).canvas(title); // one tile: the strip's band
    paint(img, samples, h, w, i -> m + i * (w * SCALE + gap), i -> Png.Grid.TITLE);
    return img;
  }

  private static void paint(
      BufferedImage img,
      Tensor samples,
      int h,
      int w,
      java.util.function.IntUnaryOperator x,
      java.util.function.IntUnaryOperator y) {
    float[] v = samples.toArray();
    int n = samples.size(0), plane = h * w;
    for (int i = 0; i < n; i++) {
      int[] rgb = new int[plane];
      for (int p = 0; p < plane; p++) rgb[p] = Png.gray(0.5 + 0.5 * v[i * plane + p]);
      Png.tile(img, x.applyAsInt(i), y.applyAsInt(i), rgb, h, w, SCALE);
    }
  }

  /** An endlessly looping GIF of {@code frames}, {@code delayMs} each, written atomically. */
  static void gif(List<BufferedImage> frames, int delayMs, Path out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    AtomicFiles.write(
        out,
        os -> {
          try (ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage f : frames) {
              BufferedImage rgb =
                  new BufferedImage(f.getWidth(), f.getHeight(), BufferedImage.TYPE_INT_RGB);
              rgb.getGraphics().drawImage(f, 0, 0, null);
              ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(rgb);
              IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
              String format = meta.getNativeMetadataFormatName();
              IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
              IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
              gce.setAttribute("disposalMethod", "none");
              gce.setAttribute("userInputFlag", "FALSE");
              gce.setAttribute("transparentColorFlag", "FALSE");
              gce.setAttribute("delayTime", Integer.toString(delayMs / 10));
              gce.setAttribute("transparentColorIndex", "0");
              root.appendChild(gce);
              IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
              IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
              app.setAttribute("applicationID", "NETSCAPE");
              app.setAttribute("authenticationCode", "2.0");
              app.setUserObject(new byte[] {1, 0, 0}); // loop forever
              apps.appendChild(app);
              root.appendChild(apps);
              meta.setFromTree(format, root);
              writer.writeToSequence(new IIOImage(rgb, null, meta), null);
            }
            writer.endWriteSequence();
          } finally {
            writer.dispose();
          }
        });
  }

  /** A curve of a line plot. */
  record Curve(String label, double[] y, Color color) {}

  /**
   * Two stacked panels over the same steps: the losses above, D(x) and D(G(z)) below, linear axes
   * (a generator's minimax or Wasserstein loss goes below zero).
   */
  static BufferedImage lossPlot(String title, String xLabel, List<Curve> top, List<Curve> bottom) {
    int w = 800, h = 620, left = 70, right = 20, topM = 36, gap = 50, bottomM = 50;
    int panel = (h - topM - gap - bottomM) / 2;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.drawString(title, left, 20);
    panel(g, top, left, topM, w - left - right, panel, "loss");
    panel(g, bottom, left, topM + panel + gap, w - left - right, panel, "D(·)");
    g.setColor(Color.BLACK);
    g.drawString(xLabel, left + (w - left - right) / 2 - 30, h - 12);
    g.dispose();
    return img;
  }

  private static void panel(
      Graphics2D g, List<Curve> curves, int x0, int y0, int pw, int ph, String yLabel) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    int n = 1;
    for (Curve c : curves) {
      n = Math.max(n, c.y().length);
      for (double v : c.y())
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
    }
    if (!(hi > lo)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = lo + 2;
    }
    double pad = 0.05 * (hi - lo);
    lo -= pad;
    hi += pad;
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(x0, y0, pw, ph);
    g.setColor(Color.BLACK);
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      int y = y0 + ph - (int) Math.round(ph * (v - lo) / (hi - lo));
      g.drawString(String.format(Locale.ROOT, "%.2f", v), x0 - 45, y + 4);
    }
    g.drawString(yLabel, 8, y0 + ph / 2);
    g.drawString("0", x0, y0 + ph + 14);
    g.drawString(Integer.toString(n), x0 + pw - 20, y0 + ph + 14);
    g.setStroke(new BasicStroke(1.5f));
    int ly = y0 + 14;
    for (Curve c : curves) {
      g.setColor(c.color());
      int px = -1, py = -1;
      double[] y = c.y();
      for (int i = 0; i < y.length; i++) {
        if (!Double.isFinite(y[i])) {
          px = -1;
          continue;
        }
        int x = x0 + (int) Math.round(pw * (i + 0.5) / n);
        int yy = y0 + ph - (int) Math.round(ph * (y[i] - lo) / (hi - lo));
        if (px >= 0) g.drawLine(px, py, x, yy);
        else g.fillRect(x - 1, yy - 1, 3, 3);
        px = x;
        py = yy;
      }
      g.drawString(c.label(), x0 + pw - 110, ly);
      ly += 14;
    }
  }
}
