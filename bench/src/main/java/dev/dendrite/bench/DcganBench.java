package dev.dendrite.bench;

import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.gan.Architectures;
import dev.dendrite.gan.Gan;
import dev.dendrite.gan.GanLoss;
import dev.dendrite.gan.GanStep;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
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
 * with both networks updated. With {@code --peer pytorch}, {@code bench/pytorch/dcgan.py} runs the
 * same model three ways — torch threads T with OpenBLAS free, T with OPENBLAS_NUM_THREADS=1, and
 * one thread — and the fastest is kept as the peer (its line says which).
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

  @Option(names = "--peer", description = "Also run the peer in the same command: pytorch.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1 || limit < 0)
      throw new IllegalArgumentException("--batch, --threads and --epochs must be >= 1");
    if (peer != null && !peer.equals("pytorch"))
      throw new IllegalArgumentException("--peer: unknown peer " + peer + " (known: pytorch)");
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
    long t0 = System.nanoTime();
    Trainer.Result r =
        new Trainer(gan, new TrainConfig(epochs, batch, seed))
            .metrics(step.metrics().toArray(dev.dendrite.train.Metric[]::new))
            .fit(loader, step);
    double s = (System.nanoTime() - t0) / 1e9;
    double rate = (double) epochs * train.size() / s;
    Map<String, Double> m = r.metrics();
    JsonLine own =
        new JsonLine()
            .put("bench", "dcgan")
            .put("impl", "dendrite")
            .put("batch", batch)
            .put("threads", threads)
            .put("epochs", epochs)
            .put("train_samples_per_s", rate)
            .put("d_loss", m.get("d_loss"))
            .put("g_loss", m.get("g_loss"))
            .put("peak_rss_mb", MlpBench.peakRssMb());
    System.out.println(limit > 0 ? own.put("train_examples", train.size()) : own);
    if (peer == null) return 0;
    Path home = Path.of(System.getProperty("dendrite.home", "."));
    String best = null;
    double bestRate = 0;
    String[][] ways = {{"" + threads, null}, {"" + threads, "1"}, {"1", null}};
    for (String[] w : ways) {
      List<String> cmd = new ArrayList<>();
      if (w[1] != null) cmd.addAll(List.of("env", "OPENBLAS_NUM_THREADS=" + w[1]));
      cmd.addAll(
          List.of(
              "/usr/bin/python3",
              home.resolve("bench/pytorch/dcgan.py").toString(),
              "--batch",
              "" + batch,
              "--threads",
              w[0],
              "--epochs",
              "" + epochs,
              "--seed",
              "" + seed,
              "--limit",
              "" + limit));
      String line = Peers.run(cmd, Integer.parseInt(w[0]));
      String tagged =
          line.replaceFirst(
              "\\}$", ", \"openblas_threads\": \"" + (w[1] == null ? "default" : w[1]) + "\"}");
      System.out.println(tagged);
      Double pr = MlpBench.field(line, "train_samples_per_s");
      if (pr != null && pr > bestRate) {
        bestRate = pr;
        best = tagged;
      }
    }
    if (best != null) {
      System.out.println(
          new JsonLine()
              .put("bench", "dcgan")
              .put("impl", "ratio")
              .put("peer", "pytorch (fastest of the three)")
              .put("batch", batch)
              .put("threads", threads)
              .put("dendrite_over_peer", rate / bestRate));
    }
    return 0;
  }
}
