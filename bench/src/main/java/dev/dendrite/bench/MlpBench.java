package dev.dendrite.bench;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench mlp}: Fashion-MNIST, MLP 784-256-128-10 with ReLU, cross-entropy, SGD lr
 * 0.1 momentum 0.9. Prints Dendrite's JSON line and, with {@code --peer pytorch,djl}, the lines of
 * Debian's PyTorch ({@code bench/pytorch/train.py}) and of libtorch 2.7.1 through DJL run in the
 * same command, each followed by the ratio of training throughputs.
 */
@Command(
    name = "mlp",
    mixinStandardHelpOptions = true,
    description =
        "Train the reference MLP (or, as `bench cnn`, CNN) on Fashion-MNIST; compare with PyTorch.")
class MlpBench implements Callable<Integer> {
  /** The workload's name: mlp, or cnn in the subclass. */
  String workload() {
    return "mlp";
  }

  /** The model and optimizer of the workload. */
  Module model(Rng rng) {
    return new Sequential(
        new Linear(784, 256, rng),
        new ReLU(),
        new Linear(256, 128, rng),
        new ReLU(),
        new Linear(128, 10, rng));
  }

  Optimizer optimizer(Module m) {
    return new SGD(0.1).withMomentum(0.9).create(m.parameters());
  }

  @Option(
      names = "--batch",
      defaultValue = "64",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--epochs",
      defaultValue = "1",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Train on the first N examples only, for a quick check (default: all).")
  int limit;

  @Option(
      names = "--no-warm-up",
      description = "Do not start compiling the kernels in the background while the data loads.")
  boolean noWarmUp;

  @Option(
      names = "--peer",
      description = "Also run peers in the same command: pytorch, djl (comma-separated).")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1)
      throw new IllegalArgumentException("--batch, --threads and --epochs must be >= 1");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    Threads.set(threads);
    if (!noWarmUp)
      Threads.warmUp(); // gets the kernels compiled on the core that data loading leaves idle
    Labeled train = FashionMnist.load(true), test = FashionMnist.load(false);
    if (limit > 0 && limit < train.size())
      train = train.subset(java.util.stream.IntStream.range(0, limit).toArray());
    Rng rng = new Rng(seed);
    Module model = model(rng);
    Optimizer opt = optimizer(model);
    // The library's own loop, as `dendrite train` runs it; shuffling continues the generator that
    // initialised the model.
    var loader = DataLoader.of(train, batch, true, false, rng);
    var step = new Supervised(model::forward, new CrossEntropyLoss(), opt);
    int n = train.size();
    long t0 = System.nanoTime();
    new Trainer(model, new TrainConfig(epochs, batch, seed)).fit(loader, step);
    double trainS = (System.nanoTime() - t0) / 1e9;
    model.eval();
    long right = 0;
    long t1 = System.nanoTime();
    try (var off = Grad.disabled()) {
      for (int from = 0; from < test.size(); from += batch) {
        int to = Math.min(test.size(), from + batch);
        float[] p = model.forward(test.features().slice(0, from, to)).argmax(1, false).toArray();
        for (int i = 0; i < p.length; i++) if ((int) p[i] == test.labels()[from + i]) right++;
      }
    }
    double inferS = (System.nanoTime() - t1) / 1e9;
    double trainRate = (double) epochs * n / trainS;
    JsonLine own =
        new JsonLine()
            .put("bench", workload())
            .put("impl", "dendrite")
            .put("batch", batch)
            .put("threads", threads)
            .put("epochs", epochs)
            .put("warm_up", !noWarmUp)
            .put("train_samples_per_s", trainRate)
            .put("infer_samples_per_s", test.size() / inferS)
            .put("test_accuracy", (double) right / test.size())
            .put("peak_rss_mb", peakRssMb());
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    if (peer != null) {
      for (String name : peer.split(",")) {
        Path home = Path.of(System.getProperty("dendrite.home", "."));
        List<String> cmd =
            switch (name.trim()) {
              case "pytorch" ->
                  List.of(
                      "/usr/bin/python3",
                      home.resolve("bench/pytorch/train.py").toString(),
                      "--model",
                      workload(),
                      "--batch",
                      "" + batch,
                      "--threads",
                      "" + threads,
                      "--epochs",
                      "" + epochs,
                      "--seed",
                      "" + seed,
                      "--limit",
                      "" + limit);
              case "djl" ->
                  Peers.djl(
                      home,
                      "dev.dendrite.benchdjl.DjlWorkloads",
                      threads,
                      List.of("" + batch, "" + threads, "" + epochs, workload(), "" + limit));
              default ->
                  throw new IllegalArgumentException(
                      "--peer: unknown peer " + name + " (known: pytorch, djl)");
            };
        String line = Peers.run(cmd, threads);
        System.out.println(line);
        Double peerRate = field(line, "train_samples_per_s");
        if (peerRate != null) {
          System.out.println(
              new JsonLine()
                  .put("bench", workload())
                  .put("impl", "ratio")
                  .put("peer", name.trim())
                  .put("batch", batch)
                  .put("threads", threads)
                  .put("dendrite_over_peer", trainRate / peerRate));
        }
      }
    }
    return 0;
  }

  /** Peak resident memory of this process (VmHWM), in MiB; NaN where /proc is not there. */
  static double peakRssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  static Double field(String json, String key) {
    int i = json.indexOf("\"" + key + "\":");
    if (i < 0) return null;
    int s = i + key.length() + 3, e = s;
    while (e < json.length() && "0123456789.eE+- ".indexOf(json.charAt(e)) >= 0) e++;
    return Double.parseDouble(json.substring(s, e).trim());
  }
}
