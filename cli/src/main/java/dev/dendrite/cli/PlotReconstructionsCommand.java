package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
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
 * {@code dendrite plot reconstructions}: test images (top row) above what a pre-trained model makes
 * of them (bottom row): an autoencoder's output, a VAE's decoded posterior mean, a deep belief
 * net's mean-field pass up to its top layer and back down.
 */
@Command(
    name = "reconstructions",
    mixinStandardHelpOptions = true,
    description = "Test images above their reconstructions by a pre-trained model, as a PNG.")
final class PlotReconstructionsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "A model archive written by `dendrite pretrain`.")
  Path model;

  @Mixin Options.SavedData data;

  @Mixin PlotOutput png;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "Test images to show, the first N (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int count;

  @Override
  public Integer call() throws IOException {
    png.require();
    PlotOutput.atLeastOne(spec, "--count", count);
    Pretrained p = Pretrained.load(model);
    Labeled test = data.test(p.info(), spec.commandLine().getOut());
    if (test.features().size(1) != p.visible())
      throw new IllegalArgumentException(
          model
              + " takes "
              + p.visible()
              + " features, the test data has "
              + test.features().size(1));
    int n = Math.min(count, test.size());
    Tensor x = test.features().slice(0, 0, n);
    Tensor rec = p.reconstruct(x);
    double mse = rec.sub(x).square().mean().item();
    int[] hw = p.imageShape();
    BufferedImage img =
        ImageRows.render(
            String.format(
                Locale.ROOT,
                "%s: test images (top) and reconstructions (bottom), MSE %.4f",
                p.kind(),
                mse),
            new String[] {"original", "reconstructed"},
            null,
            new Tensor[] {p.show(x), p.show(rec)},
            hw[0],
            hw[1]);
    png.write(img, "%d test images and their reconstructions (MSE %.4f)", n, mse);
    return 0;
  }
}
