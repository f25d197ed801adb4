package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.DeepBeliefNet;
import dev.dendrite.unsupervised.VariationalAutoencoder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model saved by {@code dendrite pretrain}: a deep belief net (a stack of RBMs), an autoencoder
 * (a stack unrolled into one) or a variational autoencoder, with what the pictures need of it.
 */
record Pretrained(
    Path file,
    ModelArchive.Info info,
    DeepBeliefNet dbn,
    Autoencoder ae,
    VariationalAutoencoder vae) {

  /** Loads {@code file}; refuses an archive of any other model, naming the file. */
  static Pretrained load(Path file) throws IOException {
    ModelArchive.Loaded l = ModelArchive.loadWithMetadata(file);
    Module m = l.model();
    m.eval();
    if (m instanceof Autoencoder a) return new Pretrained(file, l.info(), null, a, null);
    if (m instanceof VariationalAutoencoder v) return new Pretrained(file, l.info(), null, null, v);
    try {
      return new Pretrained(file, l.info(), DeepBeliefNet.from(m), null, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file
              + " holds "
              + m
              + ", not a model of `dendrite pretrain` (a deep belief net, an autoencoder or a"
              + " VAE)");
    }
  }

  String kind() {
    return dbn != null ? "deep belief net" : ae != null ? "autoencoder" : "VAE";
  }

  /** The width of the data the model takes. */
  int visible() {
    return dbn != null ? dbn.sizes()[0] : ae != null ? ae.sizes()[0] : vae.visible();
  }

  /** The width of its code: the top RBM's hidden units, the bottleneck, the latent space. */
  int codeWidth() {
    if (dbn != null) return dbn.sizes()[dbn.sizes().length - 1];
    if (ae != null) return ae.sizes()[ae.sizes().length / 2];
    return vae.latent();
  }

  /** The code of {@code x} (prepared input): mean-field up pass, encoder, posterior mean. */
  Tensor encode(Tensor x) {
    try (var off = Grad.disabled()) {
      if (dbn != null) return dbn.upPass(x);
      if (ae != null) return ae.encode(x);
      return vae.encode(x).mu();
    }
  }

  /**
   * The reconstruction of {@code x}: for a DBN the mean-field pass up and back down; for an
   * autoencoder its forward; for a VAE the decoded posterior mean.
   */
  Tensor reconstruct(Tensor x) {
    try (var off = Grad.disabled()) {
      if (ae != null) return ae.forward(x);
      if (vae != null) return vae.forward(x);
      Tensor h = dbn.upPass(x);
      for (int i = dbn.layers().size() - 1; i >= 0; i--)
        h = dbn.layers().get(i).visibleProbabilities(h);
      return h;
    }
  }

  /** Prepared input back to what a picture shows: its standardisation undone. */
  Tensor show(Tensor x) {
    var s = info.standardization();
    return s == null ? x : s.invert(x);
  }

  /**
   * Height and width of a picture of one example: 28 × 28 for Fashion-MNIST, a square when the
   * width is one, else one row.
   */
  static int[] imageShape(int width, ModelArchive.Info info) {
    if ("fashion_mnist".equals(info.dataSet())) return new int[] {28, 28};
    int side = (int) Math.round(Math.sqrt(width));
    return side * side == width ? new int[] {side, side} : new int[] {1, width};
  }

  int[] imageShape() {
    return imageShape(visible(), info);
  }

  /** Per-feature mean and standard deviation of {@code x}, constant features given std 1. */
  static ModelArchive.Standardization standardization(Tensor x) {
    float[] mean = x.mean(0, false).toArray();
    float[] std = x.var(new int[] {0}, 0, false).sqrt().toArray();
    for (int i = 0; i < std.length; i++) if (!(std[i] > 1e-6f)) std[i] = 1;
    return new ModelArchive.Standardization(mean, std);
  }

  /** Shuffled batches of the rows of {@code x}, features only. */
  static DataLoader<DataLoader.Batch> loader(Tensor x, TrainConfig cfg) {
    return new DataLoader<>(
        x.size(0),
        cfg.batchSize(),
        true,
        false,
        cfg.seed(),
        (rows, n) -> new DataLoader.Batch(x.indexSelect(0, DataLoader.indexTensor(rows)), null));
  }
}
