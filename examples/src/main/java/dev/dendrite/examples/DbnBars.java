package dev.dendrite.examples;

import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.ContrastiveDivergence;
import dev.dendrite.unsupervised.DeepBeliefNet;
import java.util.List;

/**
 * A deep belief net on the 4×4 bars-and-stripes images: a 16-16-12 stack of RBMs pre-trained
 * greedily by persistent contrastive divergence, unrolled into a sigmoid MLP and fine-tuned to tell
 * rows from columns, then asked to dream images by Gibbs sampling in its top RBM.
 *
 * <p>The blank and the full image are both a set of rows and a set of columns, so about one image
 * in eight is a coin flip and the best accuracy is near 15/16.
 *
 * <p>Run: {@code ./dendrite example DbnBars}.
 */
public final class DbnBars {
  private DbnBars() {}

  /** {@code n} images, labelled 0 when a subset of rows is on and 1 when a subset of columns is. */
  static Labeled barsAndStripes(int n, Rng rng) {
    float[] x = new float[n * 16];
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      labels[r] = rng.nextInt(2);
      int on = rng.nextInt(16);
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) x[r * 16 + i * 4 + j] = on >> (labels[r] == 0 ? i : j) & 1;
    }
    return new Labeled(Tensor.of(x, n, 16), labels, List.of("rows", "columns"));
  }

  public static void main(String[] args) {
    Rng rng = new Rng(1);
    Labeled train = barsAndStripes(1024, rng), test = barsAndStripes(512, rng);
    DeepBeliefNet dbn = new DeepBeliefNet(new int[] {16, 16, 12}, new Rng(2));
    List<Trainer.Result> pre =
        dbn.pretrain(
            train.features(),
            test.features(),
            ContrastiveDivergence.Config.pcd(0.1).withMomentum(0.5),
            new TrainConfig(40, 32, 7),
            new ProgressBar(System.out, false));
    for (int i = 0; i < pre.size(); i++)
      System.out.printf(
          "RBM %d: validation reconstruction error %.4f%n",
          i + 1, pre.get(i).metrics().get("val_reconstruction_error"));

    Sequential mlp = dbn.unroll(2, new Rng(3));
    var loss = new CrossEntropyLoss();
    new Trainer(mlp, loss, new Adam(0.01).create(mlp.parameters()), new TrainConfig(20, 32, 8))
        .listen(new ProgressBar(System.out, false))
        .fit(train, test);
    System.out.printf(
        "fine-tuned held-out accuracy %.4f (about 0.94 is the best possible)%n",
        Trainer.evaluate(mlp, loss, test, 128).confusion().accuracy());

    float[] d = dbn.sample(6, 200, new Rng(5)).toArray();
    System.out.println("mean-field images after 200 Gibbs steps in the top RBM from noise:");
    for (int i = 0; i < 4; i++) {
      StringBuilder line = new StringBuilder();
      for (int s = 0; s < 6; s++) {
        for (int j = 0; j < 4; j++) {
          float p = d[s * 16 + i * 4 + j];
          line.append(p > 0.8f ? '#' : p < 0.2f ? '.' : '?');
        }
        line.append("   ");
      }
      System.out.println(line.toString().stripTrailing());
    }
  }
}
