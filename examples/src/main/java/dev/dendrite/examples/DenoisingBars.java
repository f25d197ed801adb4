package dev.dendrite.examples;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Metric;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.AutoencoderStep;
import dev.dendrite.unsupervised.Corruption;
import java.util.Map;

/**
 * A denoising autoencoder (Vincent et al. 2008) with tied weights learns the 4×4 bars-and-stripes
 * images through the one training loop: each training image has a quarter of its pixels zeroed
 * (masking noise seeded by the batch number), and the target is the clean image. At the end it
 * repairs masked validation images, and the error of the repair is set against the error of the
 * masked image itself.
 *
 * <p>Run: {@code ./dendrite example DenoisingBars}.
 */
public final class DenoisingBars {
  private DenoisingBars() {}

  static double mse(Tensor a, Tensor b) {
    return a.sub(b).square().mean().item();
  }

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Tensor train = RbmBars.barsAndStripes(1024, rng), val = RbmBars.barsAndStripes(256, rng);
    Corruption mask = Corruption.masking(0.25);
    DataLoader<DataLoader.Batch> batches =
        new DataLoader<>(1024, 32, true, false, 7, Corruption.denoising(train, mask, 7));
    Autoencoder ae = new Autoencoder(new int[] {16, 24, 16}, Autoencoder.Hidden.SIGMOID, true, rng);
    Optimizer opt = new Adam(0.01).create(ae.parameters());
    Tensor masked = mask.apply(val, new Rng(3));
    Trainer.Result r =
        new Trainer(ae, new TrainConfig(40, 32, 7))
            .metrics(Metric.loss())
            .validate(
                () -> {
                  try (var off = Grad.disabled()) {
                    return Map.of("val_denoised_mse", mse(ae.forward(masked), val));
                  }
                })
            .listen(new ProgressBar(System.out, false))
            .fit(batches, new AutoencoderStep(ae, new BCELoss(), opt));
    System.out.printf(
        "validation MSE against the clean images: masked %.4f, repaired %.4f%n",
        mse(masked, val), r.metrics().get("val_denoised_mse"));

    float[] v = masked.toArray(), out;
    try (var off = Grad.disabled()) {
      out = ae.forward(masked).toArray();
    }
    System.out.println("masked (top) and repaired (bottom):");
    for (float[] img : new float[][] {v, out}) {
      for (int i = 0; i < 4; i++) {
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < 6; s++) {
          for (int j = 0; j < 4; j++) line.append(img[s * 16 + i * 4 + j] > 0.5f ? '#' : '.');
          line.append("   ");
        }
        System.out.println(line.toString().stripTrailing());
      }
      System.out.println();
    }
  }
}
