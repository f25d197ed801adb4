package dev.dendrite.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dendrite.autograd.GradCheck;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import org.junit.jupiter.api.Test;

/** The convolutional autoencoder: shapes, gradients, and denoising training on tiny images. */
class ConvAutoencoderTest {
  /**
   * Flattened 8×8 bars-and-stripes images: per image either rows or columns, each on with
   * probability ½.
   */
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

  @Test
  void shapesRoundTripForEvenAndOddSides() {
    Rng rng = new Rng(1);
    Autoencoder mnist = Autoencoder.convolutional(new int[] {1, 28, 28}, new int[] {16, 32}, rng);
    assertThat(mnist.convolutional()).isTrue();
    assertThat(mnist.sizes()).containsExactly(1, 16, 32, 16, 1);
    assertThat(mnist.encode(Tensor.zeros(2, 784)).shape()).containsExactly(2, 32, 7, 7);
    assertThat(mnist.forward(Tensor.zeros(2, 784)).shape()).containsExactly(2, 784);
    assertThat(mnist.stateDict().keySet())
        .containsExactly(
            "encoder.1.weight",
            "encoder.1.bias",
            "encoder.3.weight",
            "encoder.3.bias",
            "decoder.0.weight",
            "decoder.0.bias",
            "decoder.2.weight",
            "decoder.2.bias");
    assertThat(mnist.encoderWeight(1).shape()).containsExactly(32, 16, 3, 3);
    assertThat(mnist.decoderWeight(0).shape()).containsExactly(32, 16, 3, 3);
    // 5×9 → 3×5 → 2×3 and back: output padding 0 for the odd sides.
    Autoencoder odd = Autoencoder.convolutional(new int[] {2, 5, 9}, new int[] {3, 4}, rng);
    assertThat(odd.encode(Tensor.zeros(1, 90)).shape()).containsExactly(1, 4, 2, 3);
    assertThat(odd.forward(Tensor.zeros(3, 90)).shape()).containsExactly(3, 90);
    assertThatThrownBy(() -> Autoencoder.convolutional(new int[] {1, 6, 5}, new int[] {2}, rng))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6x5");
    assertThatThrownBy(() -> Autoencoder.convolutional(new int[] {1, 8, 8}, new int[0], rng))
        .hasMessageContaining("filter counts");
    assertThatThrownBy(() -> mnist.forward(Tensor.zeros(2, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("784");
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Autoencoder ae = Autoencoder.convolutional(new int[] {2, 6, 6}, new int[] {3, 4}, new Rng(21));
    Tensor x = Tensor.rand(new Rng(22), 3, 72);
    Tensor noisy = Corruption.gaussian(0.1).apply(x, new Rng(23));
    AutoencoderStep step = new AutoencoderStep(ae, new MSELoss(), null);
    GradCheck.Result r =
        GradCheck.check(
            GradCheck.Options.defaults().withTolerance(2e-3, 2e-2),
            in -> step.objective(noisy, x),
            ae.parameters().toArray(new Tensor[0]));
    assertThat(r.passed()).as(r.failure()).isTrue();
    assertThat(r.checked())
        .isEqualTo((3 * 2 * 9 + 3) + (4 * 3 * 9 + 4) + (4 * 3 * 9 + 3) + (3 * 2 * 9 + 2));
  }

  @Test
  void denoisingTrainingOnTinyImagesRepairsMaskedPixels() {
    Rng rng = new Rng(5);
    Tensor train = bars(512, rng), val = bars(128, rng);
    Corruption mask = Corruption.masking(0.25);
    Autoencoder ae = Autoencoder.convolutional(new int[] {1, 8, 8}, new int[] {8, 16}, rng);
    var loader = new DataLoader<>(512, 32, true, false, 7, Corruption.denoising(train, mask, 7));
    var step = new AutoencoderStep(ae, new MSELoss(), new Adam(0.01).create(ae.parameters()));
    Tensor masked = mask.apply(val, new Rng(3));
    double before = AutoencoderTest.mse(ae.forward(masked), val);
    double maskedMse = AutoencoderTest.mse(masked, val);
    new Trainer(ae, new TrainConfig(8, 32, 7)).fit(loader, step);
    double after = AutoencoderTest.mse(ae.forward(masked), val);
    System.out.printf("conv AE: before %.4f, masked %.4f, after %.4f%n", before, maskedMse, after);
    assertThat(after).isLessThan(0.5 * maskedMse);
    assertThat(after).isLessThan(0.2 * before);
  }
}
