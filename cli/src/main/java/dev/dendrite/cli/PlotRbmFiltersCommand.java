package dev.dendrite.cli;

import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot rbm-filters}: the bottom RBM's weights ({@code components_}, one row per
 * hidden unit) as a grid of images, one tile per hidden unit. Each tile is scaled to its own
 * largest |weight|, symmetric about 0: black most negative, mid-gray 0, white most positive, as
 * filters of very different strengths would otherwise fade to gray. A pre-trained autoencoder's
 * first encoder layer is shown the same way.
 */
@Command(
    name = "rbm-filters",
    mixinStandardHelpOptions = true,
    description = "The bottom RBM's (or encoder layer's) weights, one image per hidden unit.")
final class PlotRbmFiltersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "A model archive written by `dendrite pretrain`.")
  Path model;

  @Mixin PlotOutput png;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Show the first N hidden units (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int count;

  @Override
  public Integer call() throws IOException {
    png.require();
    PlotOutput.atLeastOne(spec, "--count", count);
    Pretrained p = Pretrained.load(model);
    Tensor w;
    String what;
    if (p.dbn() != null) {
      w = p.dbn().layers().get(0).components();
      what = "RBM 1";
    } else if (p.ae() != null) {
      w = p.ae().encoderWeight(0);
      what = "encoder layer 1";
    } else {
      throw new IllegalArgumentException(
          model + " holds a VAE; rbm-filters shows a deep belief net's or an autoencoder's");
    }
    int n = Math.min(count, w.size(0));
    int[] hw = p.imageShape();
    BufferedImage img =
        render(
            w.slice(0, 0, n),
            hw[0],
            hw[1],
            what + ": " + n + " of " + w.size(0) + " hidden units, each on its own scale");
    png.write(img, "%d filters of %s", n, what);
    return 0;
  }

  /** The grid for weights (n, h·w), row i as tile i. */
  static BufferedImage render(Tensor w, int h, int wd, String title) {
    int n = w.size(0), sc = ImageRows.scale(h, wd);
    Png.Grid grid = new Png.Grid(n, wd * sc, h * sc);
    BufferedImage img = grid.canvas(title);
    float[] v = w.toArray();
    int plane = h * wd;
    for (int f = 0; f < n; f++) {
      double max = 0;
      for (int p = 0; p < plane; p++) max = Math.max(max, Math.abs(v[f * plane + p]));
      double range = max == 0 ? 1 : max;
      int[] rgb = new int[plane];
      for (int p = 0; p < plane; p++) rgb[p] = Png.gray(0.5 + 0.5 * v[f * plane + p] / range);
      Png.tile(img, grid.x(f), grid.y(f), rgb, h, wd, sc);
    }
    return img;
  }
}
