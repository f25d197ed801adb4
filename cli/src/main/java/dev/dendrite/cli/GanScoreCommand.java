package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.gan.FidF;
import dev.dendrite.gan.Gan;
import dev.dendrite.gan.ReferenceClassifier;
import dev.dendrite.io.Npy;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite gan score}: FID-F of a trained generator's samples, or of samples saved as .npy
 * (e.g. by {@code bench/pytorch/dcgan.py}), against the 10,000 Fashion-MNIST test images, with the
 * same distance for as many training images beside it; for a conditional GAN also how often the
 * reference classifier sees the requested class.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "FID-F of a GAN's samples (or of a .npy of samples) against Fashion-MNIST.")
final class GanScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", description = "A GAN archive.")
  Path model;

  @Option(
      names = "--samples",
      paramLabel = "FILE",
      description = "Samples as .npy, (N, 784) or (N, 1, 28, 28), pixels in [−1, 1].")
  Path samples;

  @Option(
      names = "--n",
      defaultValue = "10000",
      description = "Samples drawn from --model (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(
      names = "--reference",
      paramLabel = "FILE",
      description =
          "The reference classifier (default: ~/.dendrite/models/fashion-cnn-reference.dnd,"
              + " trained on first use).")
  Path reference;

  @Option(names = "--seed", defaultValue = "1", description = "Noise seed (default: 1).")
  long seed;

  @Override
  public Integer call() throws IOException {
    if ((model == null) == (samples == null))
      throw Shared.usage(spec, "give one of --model FILE and --samples FILE.npy");
    if (n < 2) throw Shared.usage(spec, "--n must be >= 2, got " + n);
    PrintWriter out = spec.commandLine().getOut();
    ReferenceClassifier ref =
        ReferenceClassifier.loadOrTrain(
            reference != null ? reference : ReferenceClassifier.defaultFile(), out::println);
    Labeled train = DataSets.fashionMnist(true, out), test = DataSets.fashionMnist(false, out);
    Gan gan = null;
    Tensor x;
    if (model != null) {
      gan = Gan.load(model);
      x = FidF.sample(gan, n, seed);
    } else {
      x = Npy.read(samples);
      if (x.dim() < 2 || x.numel() / x.size(0) != 784)
        throw new IllegalArgumentException(
            samples
                + ": expected (N, 784) or (N, 1, 28, 28) samples, got shape "
                + java.util.Arrays.toString(x.shape()));
    }
    FidF.Score s = FidF.score(ref, x, train, test);
    out.printf(
        Locale.ROOT,
        "FID-F %.3f over %d samples of %s against the %d test images (%d training images: %.3f)%n",
        s.fid(),
        s.samples(),
        model != null ? model : samples,
        test.size(),
        s.samples(),
        s.trainVsTest());
    if (gan != null && gan.classes() > 0) {
      int[] p = ref.classify(ReferenceClassifier.fromGenerator(x));
      int[] right = new int[gan.classes()], total = new int[gan.classes()];
      for (int i = 0; i < p.length; i++) {
        int want = i % gan.classes();
        total[want]++;
        if (p[i] == want) right[want]++;
      }
      int all = 0;
      StringBuilder per = new StringBuilder();
      for (int c = 0; c < gan.classes(); c++) {
        all += right[c];
        per.append(String.format(Locale.ROOT, " %d:%.2f", c, (double) right[c] / total[c]));
      }
      out.printf(
          Locale.ROOT,
          "classified as the requested class: %.4f (per class%s)%n",
          (double) all / p.length,
          per);
    }
    return 0;
  }
}
