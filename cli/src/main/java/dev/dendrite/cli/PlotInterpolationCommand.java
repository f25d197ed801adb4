package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
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
 * {@code dendrite plot interpolation}: a VAE's latent space walked in a straight line. Each row
 * takes two test images of different classes, encodes them to their posterior means z₀ and z₁, and
 * decodes (1 − t)·z₀ + t·z₁ for t evenly spaced over [0, 1]; the ends are the two images'
 * reconstructions.
 */
@Command(
    name = "interpolation",
    mixinStandardHelpOptions = true,
    description = "Decoded straight lines between test images in a VAE's latent space, as a PNG.")
final class PlotInterpolationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "A VAE written by `dendrite pretrain --method vae`.")
  Path model;

  @Mixin Options.SavedData data;

  @Mixin PlotOutput png;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "Pairs of test images, one strip each (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int rows;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Images per strip, both ends included (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int steps;

  @Override
  public Integer call() throws IOException {
    png.require();
    PlotOutput.atLeastOne(spec, "--rows", rows);
    if (steps < 2) throw Shared.usage(spec, "--steps must be >= 2, got " + steps);
    Pretrained p = Pretrained.load(model);
    if (p.vae() == null)
      throw new IllegalArgumentException(
          model + " holds a " + p.kind() + "; interpolation walks a VAE's latent space");
    Labeled test = data.test(p.info(), spec.commandLine().getOut());
    int[][] pairs = pairs(test.labels(), rows);
    Tensor[] strips = new Tensor[pairs.length];
    String[] labels = new String[pairs.length];
    try (var off = Grad.disabled()) {
      for (int r = 0; r < pairs.length; r++) {
        Tensor z =
            p.encode(
                Tensor.cat(
                    0,
                    test.features().slice(0, pairs[r][0], pairs[r][0] + 1),
                    test.features().slice(0, pairs[r][1], pairs[r][1] + 1)));
        Tensor z0 = z.slice(0, 0, 1), z1 = z.slice(0, 1, 2);
        Tensor[] line = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
          float t = s / (float) (steps - 1);
          line[s] = z0.mul(1 - t).add(z1.mul(t));
        }
        strips[r] = p.show(p.vae().decode(Tensor.cat(0, line)));
        labels[r] =
            test.classes().get(test.labels()[pairs[r][0]])
                + " → "
                + test.classes().get(test.labels()[pairs[r][1]]);
      }
    }
    int[] hw = p.imageShape();
    BufferedImage img =
        ImageRows.render(
            "VAE (latent " + p.codeWidth() + "): decoded (1 − t)·z₀ + t·z₁, t from 0 to 1",
            labels,
            null,
            strips,
            hw[0],
            hw[1]);
    png.write(img, "%d strips of %d", pairs.length, steps);
    return 0;
  }

  /**
   * Up to {@code n} pairs of test rows: the first example of class c and the first of class c + 1,
   * for c = 0, 2, 4, …; then any two rows of different classes.
   */
  static int[][] pairs(int[] labels, int n) {
    java.util.Map<Integer, Integer> first = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i++) first.putIfAbsent(labels[i], i);
    java.util.List<Integer> rows = new java.util.ArrayList<>(first.values());
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (int c = 0; c + 1 < rows.size() && out.size() < n; c += 2)
      out.add(new int[] {rows.get(c), rows.get(c + 1)});
    for (int c = 1; c + 1 < rows.size() && out.size() < n; c += 2)
      out.add(new int[] {rows.get(c), rows.get(c + 1)});
    if (out.isEmpty())
      throw new IllegalArgumentException("interpolation needs test images of two classes");
    return out.toArray(int[][]::new);
  }
}
