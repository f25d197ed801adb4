package dev.dendrite.examples;

import dev.dendrite.data.DataLoader;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.VariationalAutoencoder;

/**
 * A variational autoencoder (Kingma and Welling 2014) with a two-dimensional code learns the 4×4
 * bars-and-stripes images through the one training loop, then generates new images by decoding
 * draws from the prior N(0, I). The reported loss is the negative ELBO in nats per image
 * (reconstruction cross-entropy plus the KL term), on the same validation noise every epoch.
 *
 * <p>Run: {@code ./dendrite example VaeBars}.
 */
public final class VaeBars {
  private VaeBars() {}

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Tensor train = RbmBars.barsAndStripes(1024, rng), val = RbmBars.barsAndStripes(256, rng);
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(
            1024,
            32,
            true,
            false,
            7,
            (rows, n) ->
                new DataLoader.Batch(train.indexSelect(0, DataLoader.indexTensor(rows)), null));
    var vae = new VariationalAutoencoder(16, 32, 2, Autoencoder.Hidden.RELU, rng);
    Optimizer opt = new Adam(0.01).create(vae.parameters());
    double before = vae.validation(val, 3).measure().get("val_loss");
    Trainer.Result r =
        new Trainer(vae, new TrainConfig(40, 32, 7))
            .validate(vae.validation(val, 3))
            .listen(new ProgressBar(System.out, false))
            .fit(batches, new VariationalAutoencoder.Step(vae, opt, new Rng(5)));
    System.out.printf(
        "validation negative ELBO %.3f -> %.3f nats per image (reconstruction %.3f, KL %.3f)%n",
        before,
        r.metrics().get("val_loss"),
        r.metrics().get("val_reconstruction"),
        r.metrics().get("val_kl"));

    float[] s = vae.sample(6, new Rng(11)).toArray();
    System.out.println("six images decoded from N(0, I) draws:");
    for (int i = 0; i < 4; i++) {
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < 6; k++) {
        for (int j = 0; j < 4; j++) line.append(s[k * 16 + i * 4 + j] > 0.5f ? '#' : '.');
        line.append("   ");
      }
      System.out.println(line.toString().stripTrailing());
    }
  }
}
