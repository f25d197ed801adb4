package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot features}: one test image and the feature maps the first convolution makes
 * of it (its output before any activation), each map scaled from its own minimum (black) to its
 * maximum (white).
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Feature maps of one test image after the first Conv2d layer, as PNG.")
final class PlotFeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "A model archive with a Conv2d layer.")
  Path model;

  @Option(
      names = "--index",
      description = "Which test image (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int index;

  @Mixin Options.SavedData data;

  @Option(names = "--output", paramLabel = "FILE", description = "The PNG file to write.")
  Path output;

  // The option's earlier name, kept so that scripts written for it still run.
  @Option(names = "--out", hidden = true)
  void out(Path p) {
    output = p;
  }

  @Override
  public Integer call() throws IOException {
    if (output == null) throw Shared.usage(spec, "needs --output FILE.png");
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    Module m = a.model();
    int conv = Shared.firstConv(m, model.toString());
    Labeled test = data.test(a.info(), spec.commandLine().getOut());
    if (index < 0 || index >= test.size())
      throw Shared.usage(spec, "--index must be in [0, " + test.size() + "), got " + index);
    Tensor x = test.features().slice(0, index, index + 1), input;
    m.eval();
    try (var off = Grad.disabled()) {
      for (int i = 0; i < conv; i++) x = Shared.layer(m, i).forward(x);
      input = x;
      x = Shared.layer(m, conv).forward(x);
    }
    if (input.dim() != 4)
      throw new IllegalArgumentException(
          model + ": the first Conv2d's input is not an image batch");
    String title =
        "test image "
            + index
            + " ("
            + test.classes().get(test.labels()[index])
            + ") and layer "
            + conv
            + "'s maps";
    BufferedImage img = render(input.select(0, 0), x.select(0, 0), title);
    Png.write(img, output);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: test image %d and %d feature maps of layer %d, %d × %d pixels%n",
            output,
            index,
            x.size(1),
            conv,
            img.getWidth(),
            img.getHeight());
    return 0;
  }

  /** Pixels per map pixel: maps are blown up to about 84 pixels. */
  static int scale(int h, int w) {
    return Math.max(1, 84 / Math.max(h, w));
  }

  /**
   * Tile 0: the input image (C, H, W) as gray (its first channel) or colour (3 channels); tiles
   * 1..: the maps (C', H', W'). Tiles are as large as the larger of the two.
   */
  static BufferedImage render(Tensor image, Tensor maps, String title) {
    int ih = image.size(1),
        iw = image.size(2),
        c = maps.size(0),
        h = maps.size(1),
        w = maps.size(2);
    int si = scale(ih, iw), sm = scale(h, w);
    Png.Grid grid =
        new Png.Grid(c + 1, Math.max(iw * si, w * sm), Math.max(ih * si, h * sm), Png.Grid.LEGEND);
    BufferedImage img = grid.canvas(title);
    Png.horizontalScale(
        img, grid, Png::gray, new String[] {"min", "max"}, "each tile on its own scale");
    Png.tile(img, grid.x(0), grid.y(0), picture(image), ih, iw, si);
    for (int k = 0; k < c; k++)
      Png.tile(img, grid.x(k + 1), grid.y(k + 1), stretched(maps.select(0, k).toArray()), h, w, sm);
    return img;
  }

  private static int[] picture(Tensor image) {
    int plane = image.size(1) * image.size(2);
    if (image.size(0) != 3) return stretched(image.select(0, 0).toArray());
    float[] v = image.toArray();
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    int[] rgb = new int[plane];
    for (int p = 0; p < plane; p++) {
      for (int ch = 0; ch < 3; ch++)
        rgb[p] = rgb[p] << 8 | Png.level(hi > lo ? (v[ch * plane + p] - lo) / (hi - lo) : 0);
    }
    return rgb;
  }

  /**
   * Gray levels from the plane's minimum (black) to its maximum (white); a constant plane is black.
   */
  static int[] stretched(float[] v) {
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    int[] rgb = new int[v.length];
    for (int p = 0; p < v.length; p++) rgb[p] = Png.gray(hi > lo ? (v[p] - lo) / (hi - lo) : 0);
    return rgb;
  }
}
