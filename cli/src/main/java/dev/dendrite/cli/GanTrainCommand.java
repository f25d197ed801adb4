package dev.dendrite.cli;

import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.gan.Architectures;
import dev.dendrite.gan.Gan;
import dev.dendrite.gan.GanLoss;
import dev.dendrite.gan.GanStep;
import dev.dendrite.gan.ModeCollapseWatch;
import dev.dendrite.gan.ReferenceClassifier;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.Metric;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite gan train}: trains a GAN on Fashion-MNIST (pixels scaled to [−1, 1]) through the
 * library's {@code Trainer}, with the architecture's published recipe as the default; writes the
 * archive and, in the pictures folder, a sample grid per epoch from fixed noise, their animated
 * GIF, a latent interpolation strip and the plot of the losses and of D(x), D(G(z)).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a GAN (mlp, dcgan, cgan, cgan-projection, cdcgan, cdcgan-projection, wgan-gp) on"
            + " Fashion-MNIST.")
final class GanTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "NAME",
      defaultValue = "fashion_mnist",
      description = "Data set: fashion_mnist (default: ${DEFAULT-VALUE}).")
  DataSets.Name data;

  @Option(
      names = "--arch",
      defaultValue = "dcgan",
      description =
          "mlp, dcgan, cgan, cgan-projection, cdcgan, cdcgan-projection or wgan-gp (default:"
              + " ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "A JSON GAN spec (examples/specs/gan-*.json) instead of --arch's builder.")
  Path specFile;

  @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: 5).")
  int epochs;

  @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default: 64).")
  int batch;

  @Option(names = "--latent", defaultValue = "100", description = "Noise size (default: 100).")
  int latent;

  @Option(
      names = "--loss",
      description =
          "minimax, non-saturating or wasserstein (default: wasserstein for wgan-gp, else"
              + " non-saturating).")
  String loss;

  @Option(
      names = "--lr-d",
      description = "Discriminator learning rate (default: 1e-4 for wgan-gp, else 2e-4).")
  Double lrD;

  @Option(names = "--lr-g", description = "Generator learning rate (default: as --lr-d's).")
  Double lrG;

  @Option(
      names = "--betas",
      split = ",",
      description = "Adam's β1,β2 (default: 0.5,0.9 for wgan-gp, else 0.5,0.999).")
  double[] betas;

  @Option(
      names = "--d-steps",
      description = "Discriminator steps per generator step (default: 5 for wgan-gp, else 1).")
  Integer dSteps;

  @Option(
      names = "--label-smoothing",
      description =
          "One-sided: real examples' target is 1 − this (default: 0.1 for cdcgan-projection,"
              + " else 0).")
  Double smoothing;

  @Option(
      names = "--gp",
      description = "Gradient-penalty weight λ (default: 10 for wgan-gp, else 0).")
  Double gp;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "GAN archive.")
  Path output;

  @Option(
      names = "--pictures",
      paramLabel = "DIR",
      description = "Folder of the pictures (default: the output's name + \"-pictures\").")
  Path pictures;

  @Option(
      names = "--watch-threshold",
      defaultValue = "2.0",
      description =
          "Warn of mode collapse when the class entropy of 1000 samples falls below this many"
              + " bits (uniform: 3.32; default: ${DEFAULT-VALUE}).")
  double watchThreshold;

  @Option(
      names = "--no-watch",
      description = "Skip the mode-collapse watch (it needs the reference classifier).")
  boolean noWatch;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Train on the first N images only, for a quick check (default: all).")
  int limit;

  @Mixin Options.ThreadCount threads;
  @Mixin Options.Seed seed;
  @Mixin Options.Run runFiles;

  @Override
  public Integer call() throws IOException {
    threads.apply();
    runFiles.check();
    if (data != DataSets.Name.fashion_mnist)
      throw Shared.usage(spec, "--data: GANs train on fashion_mnist only, got " + data);
    if (epochs < 1 || batch < 1 || latent < 1 || limit < 0)
      throw Shared.usage(spec, "--epochs, --batch-size and --latent must be >= 1");
    if (smoothing != null && !(smoothing >= 0 && smoothing < 1))
      throw Shared.usage(spec, "--label-smoothing must be in [0, 1), got " + smoothing);
    Architectures.Arch a;
    GanLoss form;
    try {
      a = Architectures.Arch.parse(arch);
      form = loss != null ? GanLoss.parse(loss) : null;
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, e.getMessage());
    }
    boolean w = a == Architectures.Arch.WGAN_GP;
    if (form == null) form = w ? GanLoss.WASSERSTEIN : GanLoss.NON_SATURATING;
    double rD = lrD != null ? lrD : w ? 1e-4 : 2e-4, rG = lrG != null ? lrG : rD;
    double[] b = betas != null ? betas : new double[] {0.5, w ? 0.9 : 0.999};
    if (b.length != 2) throw Shared.usage(spec, "--betas takes two numbers, e.g. 0.5,0.9");
    int k = dSteps != null ? dSteps : w ? 5 : 1;
    double lambda = gp != null ? gp : w ? 10 : 0;
    // Salimans et al.'s one-sided smoothing keeps the projection critic from growing so sure of
    // the real images that it stops telling the generator which class it drew (measured in
    // docs/gan.md).
    double real =
        1 - (smoothing != null ? smoothing : a == Architectures.Arch.CDCGAN_PROJECTION ? 0.1 : 0);

    PrintWriter out = spec.commandLine().getOut();
    Labeled raw = DataSets.fashionMnist(true, out);
    if (limit > 0 && limit < raw.size())
      raw = raw.subset(java.util.stream.IntStream.range(0, limit).toArray());
    Labeled train = new Labeled(raw.features().mul(2f).sub(1f), raw.labels(), raw.classes());
    Rng rng = new Rng(seed.seed);
    Gan gan = specFile != null ? Gan.parse(Files.readString(specFile), rng) : a.build(latent, rng);
    Optimizer optD = new Adam(rD).withBetas(b[0], b[1]).create(gan.discriminator().parameters());
    Optimizer optG = new Adam(rG).withBetas(b[0], b[1]).create(gan.generator().parameters());
    GanStep step = new GanStep(gan, form, optD, optG, k, real, lambda, rng.split());
    out.printf(
        Locale.ROOT,
        "%s: %s, loss %s, Adam lr D %.2g G %.2g betas (%.2g, %.3g), %d D step(s) per G step%s%s;"
            + " %d images, batch %d%n",
        specFile != null ? specFile : a.label(),
        gan,
        form.label(),
        rD,
        rG,
        b[0],
        b[1],
        k,
        lambda > 0 ? ", gradient penalty λ " + lambda : "",
        real < 1 ? ", real label " + real : "",
        train.size(),
        batch);

    List<Metric> metrics = new ArrayList<>(step.metrics());
    if (!noWatch) {
      ReferenceClassifier ref =
          ReferenceClassifier.loadOrTrain(ReferenceClassifier.defaultFile(), out::println);
      metrics.add(
          new ModeCollapseWatch(
              gan, ref::classify, 10, 1000, watchThreshold, seed.seed + 7, out::println));
    }
    TrainConfig cfg = new TrainConfig(epochs, batch, seed.seed);
    if (runFiles.checkpoint != null) cfg = cfg.withCheckpoint(runFiles.checkpoint, 1);
    var loader = DataLoader.of(train, batch, true, false, seed.seed);
    Trainer trainer =
        new Trainer(gan, cfg)
            .metrics(metrics.toArray(Metric[]::new))
            .listen(new ProgressBar(out, Shared.terminal()));
    Path dir = pictures != null ? pictures : siblingDir(output);
    Recorder rec = new Recorder(gan, step, dir, seed.seed, loader.batches());
    trainer.listen(rec);
    if (runFiles.resume && Files.exists(runFiles.checkpoint)) {
      Checkpoint c = Checkpoint.load(runFiles.checkpoint);
      trainer.resume(c);
      out.printf(Locale.ROOT, "resuming from %s after epoch %d%n", runFiles.checkpoint, c.epoch());
    }
    try (MetricsLog log = runFiles.log()) {
      if (log != null) trainer.listen(log);
      trainer.fit(loader, step);
    }
    if (rec.failure != null) throw rec.failure;
    ModelArchive.save(
        output,
        gan,
        Map.of("data", "fashion_mnist", "arch", specFile != null ? "spec" : a.label()));
    rec.finish();
    out.printf(Locale.ROOT, "wrote %s and the pictures in %s%n", output, dir);
    return 0;
  }

  static Path siblingDir(Path output) {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-pictures");
  }

  /**
   * Draws the grid of each epoch from fixed noise, keeps the per-step numbers for the plot, and at
   * the end writes the GIF, the interpolation strip and the plot.
   */
  static final class Recorder implements dev.dendrite.train.TrainListener {
    private final Gan gan;
    private final GanStep step;
    private final Path dir;
    private final Tensor z, labels;
    private final long seed;
    private final int window;
    private final List<BufferedImage> frames = new ArrayList<>();
    private final double[] sums = new double[4];
    private final int[] counts = new int[4];
    private final List<double[]> points = new ArrayList<>();
    private int inWindow;
    IOException failure;

    Recorder(Gan gan, GanStep step, Path dir, long seed, int stepsPerEpoch) {
      this.gan = gan;
      this.step = step;
      this.dir = dir;
      this.seed = seed;
      this.window = Math.max(1, stepsPerEpoch / 25);
      Rng r = new Rng(seed + 11);
      this.z = gan.noise(r, 64);
      if (gan.classes() > 0) {
        float[] c = new float[64];
        for (int i = 0; i < 64; i++) c[i] = (i / 8) % gan.classes(); // a class per row
        this.labels = Tensor.of(c);
      } else {
        this.labels = null;
      }
    }

    @Override
    public void on(TrainEvent e) {
      if (failure != null) return;
      try {
        switch (e) {
          case TrainEvent.BatchEnded b -> batch();
          case TrainEvent.EpochEnded end -> epoch(end.epoch());
          default -> {}
        }
      } catch (IOException x) {
        failure = x;
      }
    }

    private void batch() {
      GanStep.Stats s = step.last();
      double[] v = {s.dLoss(), s.gLoss(), s.dReal(), s.dFake()};
      for (int i = 0; i < 4; i++)
        if (!Double.isNaN(v[i])) {
          sums[i] += v[i];
          counts[i]++;
        }
      if (++inWindow == window) {
        double[] p = new double[4];
        for (int i = 0; i < 4; i++) p[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
        points.add(p);
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
        inWindow = 0;
      }
    }

    private void epoch(int epoch) throws IOException {
      BufferedImage img =
          GanPictures.grid(
              GanPictures.generate(gan, z, labels).reshape(64, 28, 28),
              28,
              28,
              "epoch " + epoch + (gan.classes() > 0 ? " (a class per row)" : ""));
      frames.add(img);
      Png.write(img, dir.resolve(String.format(Locale.ROOT, "epoch-%03d.png", epoch)));
    }

    void finish() throws IOException {
      if (!frames.isEmpty()) GanPictures.gif(frames, 700, dir.resolve("samples.gif"));
      Rng r = new Rng(seed + 13);
      Tensor a = gan.noise(r, 1), b = gan.noise(r, 1);
      int n = 10;
      Tensor[] zs = new Tensor[n];
      for (int i = 0; i < n; i++) {
        float t = (float) i / (n - 1);
        zs[i] = a.mul(1 - t).add(b.mul(t));
      }
      Tensor lab = null;
      if (gan.classes() > 0) lab = Tensor.zeros(n);
      Tensor strip = GanPictures.generate(gan, Tensor.cat(0, zs), lab).reshape(n, 28, 28);
      Png.write(
          GanPictures.strip(strip, 28, 28, "latent interpolation z₀ → z₁"),
          dir.resolve("interpolation.png"));
      double[][] cols = new double[4][points.size()];
      for (int i = 0; i < points.size(); i++)
        for (int c = 0; c < 4; c++) cols[c][i] = points.get(i)[c];
      Png.write(
          GanPictures.lossPlot(
              "GAN training, means over " + window + " steps",
              "window of " + window + " steps",
              List.of(
                  new GanPictures.Curve("D loss", cols[0], new Color(0x1f77b4)),
                  new GanPictures.Curve("G loss", cols[1], new Color(0xd62728))),
              List.of(
                  new GanPictures.Curve("D(x)", cols[2], new Color(0x2ca02c)),
                  new GanPictures.Curve("D(G(z))", cols[3], new Color(0xff7f0e)))),
          dir.resolve("losses.png"));
    }
  }
}
