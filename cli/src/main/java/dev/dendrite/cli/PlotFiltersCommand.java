package dev.dendrite.cli;

import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot filters}: the first convolution's learned filters as a grid of tiles. One
 * gray scale for all filters, symmetric about 0: black is the most negative weight, mid-gray 0,
 * white the most positive; a filter over 3 input channels is drawn in colour (R, G, B), one over
 * other channel counts as its channels side by side.
 */
@Command(
    name = "filters",
    mixinStandardHelpOptions = true,
    description = "The first Conv2d layer's filters as a PNG grid.")
final class PlotFiltersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "A model archive with a Conv2d layer.")
  Path model;

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
    Module m = ModelArchive.load(model);
    int i = Shared.firstConv(m, model.toString());
    Module conv = Shared.layer(m, i);
    int[] ws = conv.namedParameters().get("weight").shape();
    BufferedImage img =
        render(
            conv.namedParameters().get("weight"),
            "layer " + i + ": " + ws[0] + " filters " + ws[2] + "×" + ws[3]);
    Png.write(img, output);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: %d filters of layer %d, %d × %d pixels%n",
            output,
            conv.namedParameters().get("weight").size(0),
            i,
            img.getWidth(),
            img.getHeight());
    return 0;
  }

  /** Pixels per weight: small kernels are blown up to tiles of about 48 pixels. */
  static int scale(int kh, int kw) {
    return Math.max(1, 48 / Math.max(kh, kw));
  }

  /** The grid for weights (C_out, C_in, kH, kW). */
  static BufferedImage render(Tensor weight, String title) {
    int[] s = weight.shape();
    int co = s[0], ci = s[1], kh = s[2], kw = s[3], sc = scale(kh, kw);
    boolean colour = ci == 3;
    int across = colour ? 1 : ci; // channels side by side, one pixel column of white between them
    int tileW = across * kw * sc + (across - 1), tileH = kh * sc;
    Png.Grid grid = new Png.Grid(co, tileW, tileH, Png.Grid.LEGEND);
    BufferedImage img = grid.canvas(title);
    float[] w = weight.toArray();
    double max = 0;
    for (float v : w) max = Math.max(max, Math.abs(v));
    double range = max == 0 ? 1 : max;
    Png.horizontalScale(
        img,
        grid,
        Png::gray,
        new String[] {Png.tick(-range), "0", Png.tick(range)},
        colour ? "weight, each of R, G, B" : "weight");
    int plane = kh * kw;
    for (int f = 0; f < co; f++) {
      int base = f * ci * plane;
      if (colour) {
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
          for (int c = 0; c < 3; c++)
            rgb[p] = rgb[p] << 8 | Png.level(0.5 + 0.5 * w[base + c * plane + p] / range);
        }
        Png.tile(img, grid.x(f), grid.y(f), rgb, kh, kw, sc);
      } else {
        for (int c = 0; c < ci; c++) {
          int[] rgb = new int[plane];
          for (int p = 0; p < plane; p++)
            rgb[p] = Png.gray(0.5 + 0.5 * w[base + c * plane + p] / range);
          Png.tile(img, grid.x(f) + c * (kw * sc + 1), grid.y(f), rgb, kh, kw, sc);
        }
      }
    }
    return img;
  }
}
