package dev.dendrite.examples;

import dev.dendrite.data.DataLoader;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.ContrastiveDivergence;
import dev.dendrite.unsupervised.RBM;
import java.util.Map;

/**
 * Unsupervised pre-training's first model: a Bernoulli RBM learns the 4×4 bars-and-stripes images
 * (MacKay 2003), every row or every column either on or off, by persistent contrastive divergence
 * through the one training loop; the validation pseudo-likelihood is reported after each epoch, and
 * images dreamed by Gibbs sampling from noise are printed at the end.
 *
 * <p>Run: {@code ./dendrite example RbmBars}.
 */
public final class RbmBars {
  private RbmBars() {}

  /** {@code n} images drawn uniformly: a random subset of rows (or of columns) is on. */
  static Tensor barsAndStripes(int n, Rng rng) {
    float[] x = new float[n * 16];
    for (int r = 0; r < n; r++) {
      boolean rows = rng.nextInt(2) == 0;
      int on = rng.nextInt(16);
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) x[r * 16 + i * 4 + j] = (on >> (rows ? i : j) & 1);
    }
    return Tensor.of(x, n, 16);
  }

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Tensor train = barsAndStripes(1024, rng), val = barsAndStripes(256, rng);
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(
            1024,
            32,
            true,
            false,
            7,
            (rows, number) ->
                new DataLoader.Batch(
                    train.indexSelect(0, DataLoader.indexTensor(rows)), Tensor.zeros(rows.length)));
    RBM rbm = new RBM(16, 16, rng);
    var step =
        new ContrastiveDivergence(
            rbm, ContrastiveDivergence.Config.pcd(0.1).withMomentum(0.5), 32, new Rng(2));
    var validation = ContrastiveDivergence.validation(rbm, val, 3);
    Map<String, Double> before = validation.measure();
    Trainer.Result r =
        new Trainer(rbm, new TrainConfig(100, 32, 7))
            .validate(validation)
            .listen(new ProgressBar(System.out, false))
            .fit(batches, step);
    System.out.printf(
        "validation pseudo-likelihood %.3f -> %.3f, reconstruction error %.4f -> %.4f%n",
        before.get("val_pseudo_likelihood"),
        r.metrics().get("val_pseudo_likelihood"),
        before.get("val_reconstruction_error"),
        r.metrics().get("val_reconstruction_error"));

    Tensor dreams = rbm.gibbs(Tensor.rand(new Rng(5), 6, 16).lt(0.5f), 200, new Rng(6));
    float[] d = dreams.toArray();
    System.out.println("Gibbs samples after 200 steps from noise:");
    for (int i = 0; i < 4; i++) {
      StringBuilder line = new StringBuilder();
      for (int s = 0; s < 6; s++) {
        for (int j = 0; j < 4; j++) line.append(d[s * 16 + i * 4 + j] > 0 ? '#' : '.');
        line.append("   ");
      }
      System.out.println(line.toString().stripTrailing());
    }
  }
}
