package dev.dendrite.cli;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.unsupervised.RBM;
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
 * {@code dendrite sample}: what a pre-trained generative model makes up, as a PNG. For a deep
 * belief net, block Gibbs chains in the top RBM started from noise, each shown at evenly spaced
 * steps after a mean-field pass down the lower RBMs; for a VAE, draws from the prior N(0, I)
 * decoded.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = {
      "Samples of a pre-trained deep belief net (Gibbs chains) or VAE (the prior) as a PNG.",
      "A DBN's rows are chains, its columns the chain after more and more Gibbs steps."
    })
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", required = true, description = "A DBN or VAE.")
  Path model;

  @Option(names = "--output", paramLabel = "FILE", description = "The PNG file to write.")
  Path output;

  @Option(names = "--out", hidden = true)
  void out(Path p) {
    output = p;
  }

  @Option(
      names = "--chains",
      paramLabel = "N",
      description = "Rows: Gibbs chains, or rows of VAE samples (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int chains;

  @Option(
      names = "--steps",
      paramLabel = "K",
      description = "Gibbs steps of the longest chain (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int steps;

  @Option(
      names = "--columns",
      paramLabel = "N",
      description = "Snapshots of each chain, or VAE samples per row (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int columns;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  @Override
  public Integer call() throws IOException {
    if (output == null) throw Shared.usage(spec, "needs --output FILE.png");
    if (chains < 1) throw Shared.usage(spec, "--chains must be >= 1, got " + chains);
    if (columns < 1) throw Shared.usage(spec, "--columns must be >= 1, got " + columns);
    if (steps < columns)
      throw Shared.usage(spec, "--steps must be >= --columns (" + columns + "), got " + steps);
    threads.apply();
    Pretrained p = Pretrained.load(model);
    if (p.ae() != null)
      throw new IllegalArgumentException(
          model
              + " holds an autoencoder, which has no distribution to sample; give a deep belief"
              + " net (--method rbm) or a VAE (--method vae)");
    Rng rng = new Rng(seed.seed);
    int[] hw = p.imageShape();
    Tensor[] rows = new Tensor[chains];
    String[] labels = null, heads = null;
    String title;
    if (p.vae() != null) {
      Tensor s = p.show(p.vae().sample(chains * columns, rng));
      for (int r = 0; r < chains; r++) rows[r] = s.slice(0, r * columns, (r + 1) * columns);
      title = "VAE: " + chains * columns + " draws of z ~ N(0, I), decoded";
    } else {
      int[] at = new int[columns];
      heads = new String[columns];
      for (int c = 0; c < columns; c++) {
        at[c] = (int) Math.round(steps * (c + 1) / (double) columns);
        heads[c] = String.valueOf(at[c]);
      }
      Tensor[] snaps = gibbs(p, chains, at, rng);
      for (int r = 0; r < chains; r++) {
        Tensor[] row = new Tensor[columns];
        for (int c = 0; c < columns; c++) row[c] = snaps[c].slice(0, r, r + 1);
        rows[r] = p.show(Tensor.cat(0, row));
      }
      labels = new String[chains];
      for (int r = 0; r < chains; r++) labels[r] = "chain " + (r + 1);
      title = "DBN " + java.util.Arrays.toString(p.dbn().sizes()) + ": Gibbs steps in the top RBM";
    }
    BufferedImage img = ImageRows.render(title, labels, heads, rows, hw[0], hw[1]);
    Png.write(img, output);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: %d samples of the %s, %d × %d pixels%n",
            output,
            chains * columns,
            p.kind(),
            img.getWidth(),
            img.getHeight());
    return 0;
  }

  /**
   * {@code n} chains in the top RBM from fair coin flips; at each step count in {@code at}
   * (ascending), the visible probabilities given the chain's hidden sample, passed down the lower
   * RBMs mean-field: one (n, v) tensor per count.
   */
  static Tensor[] gibbs(Pretrained p, int n, int[] at, Rng rng) {
    var layers = p.dbn().layers();
    RBM top = layers.get(layers.size() - 1);
    Tensor h = top.sampleHidden(Tensor.rand(rng, n, top.visible()).lt(0.5f), rng);
    Tensor[] out = new Tensor[at.length];
    int step = 1;
    for (int c = 0; c < at.length; c++) {
      for (; step < at[c]; step++) h = top.sampleHidden(top.sampleVisible(h, rng), rng);
      Tensor x = top.visibleProbabilities(h);
      for (int i = layers.size() - 2; i >= 0; i--) x = layers.get(i).visibleProbabilities(x);
      out[c] = x;
    }
    return out;
  }
}
