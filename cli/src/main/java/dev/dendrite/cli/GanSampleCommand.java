package dev.dendrite.cli;

import dev.dendrite.gan.Gan;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite gan sample}: a grid of a trained generator's samples as PNG. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Draw samples of a trained GAN as a PNG grid.")
final class GanSampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "A GAN archive.")
  Path model;

  @Option(names = "--n", defaultValue = "64", description = "Samples (default: 64).")
  int n;

  @Option(
      names = "--class",
      paramLabel = "C",
      description = "The class of a conditional GAN's samples (default: each class in turn).")
  Integer cls;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PNG file.")
  Path out;

  @Mixin Options.Seed seed;

  @Override
  public Integer call() throws IOException {
    if (n < 1 || n > 4096) throw Shared.usage(spec, "--n must be in 1..4096, got " + n);
    Gan gan = Gan.load(model);
    Tensor labels = null;
    if (gan.classes() > 0) {
      if (cls != null && (cls < 0 || cls >= gan.classes()))
        throw Shared.usage(
            spec,
            "--class must be in 0.." + (gan.classes() - 1) + " for " + model + ", got " + cls);
      float[] c = new float[n];
      for (int i = 0; i < n; i++) c[i] = cls != null ? cls : i % gan.classes();
      labels = Tensor.of(c);
    } else if (cls != null) {
      throw Shared.usage(spec, "--class: " + model + " is not a conditional GAN");
    }
    Tensor x = GanPictures.generate(gan, gan.noise(new Rng(seed.seed), n), labels);
    int[] s = gan.sampleShape();
    int pixels = x.numel() / n, side = (int) Math.round(Math.sqrt(pixels));
    if (side * side != pixels)
      throw new IllegalArgumentException(
          model + ": samples of shape " + java.util.Arrays.toString(s) + " are not square images");
    String title = n + " samples" + (cls != null ? " of class " + cls : "") + ", seed " + seed.seed;
    Png.write(GanPictures.grid(x.reshape(n, side, side), side, side, title), out);
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s%n", out, title);
    return 0;
  }
}
