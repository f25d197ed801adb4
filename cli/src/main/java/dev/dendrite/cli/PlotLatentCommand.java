package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Tensor;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot latent}: the 2-D codes of test examples as a scatter plot, one colour per
 * class (matplotlib's tab10), from a model whose code has two units: an autoencoder with a 2-unit
 * bottleneck, a VAE with a 2-D latent space (the posterior means), a DBN whose top RBM has two
 * hidden units.
 */
@Command(
    name = "latent",
    mixinStandardHelpOptions = true,
    description = "The 2-D codes of test examples as a scatter plot coloured by class, as a PNG.")
final class PlotLatentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The plot square, the margins around it, the legend's width on the right. */
  static final int SIDE = 400, LEFT = 48, TOP = 32, BOTTOM = 36, LEGEND = 130, DOT = 4;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "A model archive written by `dendrite pretrain` with a 2-unit code.")
  Path model;

  @Mixin Options.SavedData data;

  @Mixin PlotOutput png;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Test examples to plot, the first N (default: ${DEFAULT-VALUE}).",
      defaultValue = "2000")
  int count;

  private static final int[] TAB10 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf
  };

  @Override
  public Integer call() throws IOException {
    png.require();
    PlotOutput.atLeastOne(spec, "--count", count);
    Pretrained p = Pretrained.load(model);
    if (p.codeWidth() != 2)
      throw new IllegalArgumentException(
          model
              + ": the "
              + p.kind()
              + "'s code has "
              + p.codeWidth()
              + " units; the scatter plot needs 2 (e.g. pretrain --method ae --layers 784-256-2)");
    Labeled test = data.test(p.info(), spec.commandLine().getOut());
    int n = Math.min(count, test.size());
    Tensor z = p.encode(test.features().slice(0, 0, n));
    BufferedImage img =
        render(
            z.toArray(),
            java.util.Arrays.copyOf(test.labels(), n),
            test.classes(),
            p.kind() + ": 2-D codes of " + n + " test examples");
    png.write(img, "%d codes in %d classes", n, test.classes().size());
    return 0;
  }

  static int colour(int c) {
    return TAB10[c % TAB10.length];
  }

  /** Points {@code xy} (n·2, x then y) coloured by {@code labels}; axes span their range. */
  static BufferedImage render(float[] xy, int[] labels, List<String> classes, String title) {
    int w = LEFT + SIDE + 16 + LEGEND, h = TOP + SIDE + BOTTOM;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Png.graphics(img);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.drawString(title, Png.Grid.MARGIN, 18);
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE}, hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < labels.length; i++)
      for (int d = 0; d < 2; d++) {
        lo[d] = Math.min(lo[d], xy[2 * i + d]);
        hi[d] = Math.max(hi[d], xy[2 * i + d]);
      }
    for (int d = 0; d < 2; d++) {
      double pad = hi[d] > lo[d] ? 0.03 * (hi[d] - lo[d]) : 0.5;
      lo[d] -= pad;
      hi[d] += pad;
    }
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, TOP, SIDE, SIDE);
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
    for (int i = 0; i < labels.length; i++) {
      int px = LEFT + (int) Math.round((xy[2 * i] - lo[0]) / (hi[0] - lo[0]) * SIDE);
      int py = TOP + SIDE - (int) Math.round((xy[2 * i + 1] - lo[1]) / (hi[1] - lo[1]) * SIDE);
      g.setColor(new Color(colour(labels[i])));
      g.fillOval(px - DOT / 2, py - DOT / 2, DOT, DOT);
    }
    g.setComposite(AlphaComposite.SrcOver);
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    String x0 = Png.tick(lo[0]), x1 = Png.tick(hi[0]), y0 = Png.tick(lo[1]), y1 = Png.tick(hi[1]);
    g.drawString(x0, LEFT, TOP + SIDE + fm.getAscent() + 2);
    g.drawString(x1, LEFT + SIDE - fm.stringWidth(x1), TOP + SIDE + fm.getAscent() + 2);
    g.drawString("z₁", LEFT + SIDE / 2 - 6, TOP + SIDE + fm.getAscent() + 2);
    g.drawString(y1, LEFT - fm.stringWidth(y1) - 4, TOP + fm.getAscent());
    g.drawString(y0, LEFT - fm.stringWidth(y0) - 4, TOP + SIDE);
    g.drawString("z₂", LEFT - 20, TOP + SIDE / 2);
    int lx = LEFT + SIDE + 16;
    for (int c = 0; c < classes.size(); c++) {
      int y = TOP + c * (fm.getHeight() + 4);
      g.setColor(new Color(colour(c)));
      g.fillOval(lx, y + 2, 9, 9);
      g.setColor(Color.BLACK);
      g.drawString(classes.get(c), lx + 14, y + fm.getAscent());
    }
    g.dispose();
    return img;
  }
}
