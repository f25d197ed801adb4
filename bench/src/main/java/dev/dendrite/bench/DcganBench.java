package dev.dendrite.bench;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.gan.Architectures;
import dev.dendrite.gan.Gan;
import dev.dendrite.gan.GanLoss;
import dev.dendrite.gan.GanStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench dcgan}: the DCGAN of {@code dendrite gan train --arch dcgan} on
 * Fashion-MNIST (Adam lr 2e-4, β1 0.5, non-saturating loss, one D and one G step per batch),
 * through the library's {@code Trainer} and {@code GanStep}; throughput is real images per second
 * with both networks updated; inference is the generator, in eval mode, turning 2,000 noise vectors
 * into images. With {@code --peer pytorch}, {@code bench/pytorch/dcgan.py} runs the same model in
 * each of {@link PeerConfig#pytorch}'s thread settings, and every ratio is against the best of
 * them.
 */
@Command(
    name = "dcgan",
    mixinStandardHelpOptions = true,
    description = "Train the DCGAN on Fashion-MNIST; compare with PyTorch at its strongest.")
final class DcganBench implements Callable<Integer> {
  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: 64).")
  int batch;

  @Option(names = "--threads", defaultValue = "2", description = "Threads (default: 2).")
  int threads;

  @Option(names = "--epochs", defaultValue = "1", description = "Epochs (default: 1).")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: 1).")
  long seed;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Train on the first N images only, for a quick check (default: all).")
  int limit;

  @Option(
      names = "--window",
      defaultValue = "50",
      description =
          "Batches per window of the steady-state rate, the median over windows after the first"
              + " (default: 50).")
  int window;

  @Option(
      names = "--peer",
      description = "Also run the peer in the same command, in each thread setting: pytorch.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1 || window < 1)
      throw new IllegalArgumentException("--batch, --threads, --epochs and --window must be >= 1");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    List<String> peers = MlpBench.peers(peer, List.of("pytorch"));
    Threads.set(threads);
    Threads.warmUp();
    Labeled raw = FashionMnist.load(true);
    if (limit > 0 && limit < raw.size())
      raw = raw.subset(java.util.stream.IntStream.range(0, limit).toArray());
    Labeled train = new Labeled(raw.features().mul(2f).sub(1f), raw.labels(), raw.classes());
    Rng rng = new Rng(seed);
    Gan gan = Architectures.dcgan(100, rng);
    var optD = new Adam(2e-4).withBetas(0.5, 0.999).create(gan.discriminator().parameters());
    var optG = new Adam(2e-4).withBetas(0.5, 0.999).create(gan.generator().parameters());
    GanStep step = new GanStep(gan, GanLoss.NON_SATURATING, optD, optG, 1, 1, 0, rng.split());
    var loader = DataLoader.of(train, batch, true, false, rng);
    BatchClock clock = new BatchClock();
    long t0 = System.nanoTime();
    Trainer.Result r =
        new Trainer(gan, new TrainConfig(epochs, batch, seed))
            .metrics(step.metrics().toArray(dev.dendrite.train.Metric[]::new))
            .listen(clock)
            .fit(loader, step);
    double s = (System.nanoTime() - t0) / 1e9;
    double rate = (double) epochs * train.size() / s;
    Map<String, Double> m = r.metrics();
    // Inference: the generator, in eval mode, turning 2,000 noise vectors into images.
    gan.eval();
    int rows = 2_000;
    Tensor z = gan.noise(new Rng(seed + 1), rows);
    double infer, infer1000;
    try (var off = Grad.disabled()) {
      infer = InferenceRate.measure(rows, batch, (f, t) -> gan.generate(z.slice(0, f, t), null));
      infer1000 = InferenceRate.measure(rows, 1000, (f, t) -> gan.generate(z.slice(0, f, t), null));
    }
    JsonLine own =
        new JsonLine()
            .put("bench", "dcgan")
            .put("impl", "dendrite")
            .put("config", "threads=" + threads)
            .put("batch", batch)
            .put("threads", threads)
            .put("epochs", epochs)
            .put("train_samples_per_s", rate)
            .put("train_steady_samples_per_s", clock.steadyRate(window))
            .put("window_batches", window)
            .put("infer_samples_per_s", infer)
            .put("infer_b1000_samples_per_s", infer1000)
            .put("d_loss", m.get("d_loss"))
            .put("g_loss", m.get("g_loss"))
            .put("peak_rss_mb", PeakRss.mb());
    System.out.println(limit > 0 ? own.put("train_examples", train.size()) : own);
    if (peers.isEmpty()) return 0;
    Path home = Path.of(System.getProperty("dendrite.home", "."));
    List<JsonLine> lines = new ArrayList<>();
    for (PeerConfig c :
        PeerConfig.pytorch(
            threads,
            t ->
                List.of(
                    "/usr/bin/python3",
                    home.resolve("bench/pytorch/dcgan.py").toString(),
                    "--batch",
                    "" + batch,
                    "--threads",
                    "" + t,
                    "--epochs",
                    "" + epochs,
                    "--seed",
                    "" + seed,
                    "--limit",
                    "" + limit,
                    "--window",
                    "" + window))) {
      JsonLine l = c.run();
      System.out.println(l);
      lines.add(l);
    }
    System.out.println(Ratios.line(own, "pytorch", lines, Ratios.TRAINING));
    return 0;
  }
}
