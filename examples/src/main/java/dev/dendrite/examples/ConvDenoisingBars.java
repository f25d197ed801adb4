package dev.dendrite.examples;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
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
 * A convolutional denoising autoencoder on 8×8 bars and stripes: two 3×3 convolutions of stride 2
 * (8×8 → 4×4 → 2×2, 8 then 16 channels) and two transposed convolutions back, trained through the
 * one loop on images with a quarter of their pixels zeroed, the clean image as the target. At the
 * end it repairs masked validation images and prints a few.
 *
 * <p>Run: {@code ./dendrite example ConvDenoisingBars}.
 */
public final class ConvDenoisingBars {
  private ConvDenoisingBars() {}

  /** Flattened 8×8 images: rows or columns (even odds), each on with probability ½. */
  static Tensor bars(int n, Rng rng) {
    float[] x = new float[n * 64];
    for (int i = 0; i < n; i++) {
      boolean rows = rng.nextDouble() < 0.5;
      for (int k = 0; k < 8; k++) {
        if (rng.nextDouble() >= 0.5) continue;
        for (int j = 0; j < 8; j++) x[i * 64 + (rows ? k * 8 + j : j * 8 + k)] = 1;
      }
    }
    return Tensor.of(x, n, 64);
  }

  static double mse(Tensor a, Tensor b) {
    return a.sub(b).square().mean().item();
  }

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Tensor train = bars(1024, rng), val = bars(256, rng);
    Corruption mask = Corruption.masking(0.25);
    var batches = new DataLoader<>(1024, 32, true, false, 7, Corruption.denoising(train, mask, 7));
    Autoencoder ae = Autoencoder.convolutional(new int[] {1, 8, 8}, new int[] {8, 16}, rng);
    System.out.println(ae.summary(1, 64));
    Tensor masked = mask.apply(val, new Rng(3));
    Trainer.Result r =
        new Trainer(ae, new TrainConfig(10, 32, 7))
            .metrics(Metric.loss())
            .validate(
                () -> {
                  try (var off = Grad.disabled()) {
                    return Map.of("val_denoised_mse", mse(ae.forward(masked), val));
                  }
                })
            .listen(new ProgressBar(System.out, false))
            .fit(
                batches,
                new AutoencoderStep(ae, new MSELoss(), new Adam(0.01).create(ae.parameters())));
    System.out.printf(
        "validation MSE against the clean images: masked %.4f, repaired %.4f%n",
        mse(masked, val), r.metrics().get("val_denoised_mse"));

    float[] v = masked.toArray(), out;
    try (var off = Grad.disabled()) {
      out = ae.forward(masked).toArray();
    }
    System.out.println("masked (top) and repaired (bottom):");
    for (float[] img : new float[][] {v, out}) {
      for (int i = 0; i < 8; i++) {
        StringBuilder line = new StringBuilder();
        for (int s = 0; s < 5; s++) {
          for (int j = 0; j < 8; j++) line.append(img[s * 64 + i * 8 + j] > 0.5f ? '#' : '.');
          line.append("   ");
        }
        System.out.println(line.toString().stripTrailing());
      }
      System.out.println();
    }
  }
}
