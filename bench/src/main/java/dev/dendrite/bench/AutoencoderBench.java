package dev.dendrite.bench;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.AutoencoderStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench autoencoder}: Fashion-MNIST scaled to [0, 1], autoencoder
 * 784-256-64-256-784 (ReLU hidden and code, sigmoid output), MSE against the input, Adam lr 1e-3,
 * shuffled batches, through {@link Trainer#fit}; the final loss is the mean MSE over the test
 * images; inference is the reconstruction of the test images. With {@code --peer pytorch}, {@code
 * bench/pytorch/autoencoder.py} runs the same model in each of {@link PeerConfig#pytorch}'s thread
 * settings, each line printed, and every ratio is against the best of them.
 */
@Command(
    name = "autoencoder",
    mixinStandardHelpOptions = true,
    description = "Train a 784-256-64-256-784 autoencoder on Fashion-MNIST; compare with PyTorch.")
class AutoencoderBench implements Callable<Integer> {
  static final int[] SIZES = {784, 256, 64, 256, 784};

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
      names = "--window",
      defaultValue = "50",
      description =
          "Batches per window of the steady-state rate, the median over windows after the first"
              + " (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--peer",
      description = "Also run the peer in the same command, in each thread setting: pytorch.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1)
      throw new IllegalArgumentException("--batch, --threads and --epochs must be >= 1");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    if (window < 1) throw new IllegalArgumentException("--window must be >= 1, got " + window);
    List<String> peers = MlpBench.peers(peer, List.of("pytorch"));
    Threads.set(threads);
    Threads.warmUp(); // gets the kernels compiled on the core that data loading leaves idle
    Labeled train = FashionMnist.load(true), test = FashionMnist.load(false);
    Tensor x = train.features(), xTest = test.features();
    if (limit > 0 && limit < x.size(0)) x = x.slice(0, 0, limit).contiguous();
    int n = x.size(0);
    Rng rng = new Rng(seed);
    Autoencoder ae = new Autoencoder(SIZES, Autoencoder.Hidden.RELU, false, rng);
    Optimizer opt = new Adam(1e-3).create(ae.parameters());
    var step = new AutoencoderStep(ae, new MSELoss(), opt);
    Tensor data = x;
    // Target null: the step reconstructs the features themselves. Shuffling continues the
    // generator that initialised the model.
    var loader =
        new DataLoader<>(
            n,
            batch,
            true,
            false,
            seed,
            rng,
            (rows, number) ->
                new DataLoader.Batch(data.indexSelect(0, DataLoader.indexTensor(rows)), null));
    BatchClock clock = new BatchClock();
    long t0 = System.nanoTime();
    new Trainer(ae, new TrainConfig(epochs, batch, seed)).listen(clock).fit(loader, step);
    double trainRate = (double) epochs * n / ((System.nanoTime() - t0) / 1e9);
    ae.eval();
    double testLoss = testLoss(ae, xTest);
    int rows = xTest.size(0);
    double infer, infer1000;
    try (var off = Grad.disabled()) {
      infer = InferenceRate.measure(rows, batch, (f, t) -> ae.forward(xTest.slice(0, f, t)));
      infer1000 = InferenceRate.measure(rows, 1000, (f, t) -> ae.forward(xTest.slice(0, f, t)));
    }
    JsonLine own = line("dendrite").put("config", "threads=" + threads).put("threads", threads);
    own.put("train_samples_per_s", trainRate)
        .put("train_steady_samples_per_s", clock.steadyRate(window))
        .put("window_batches", window)
        .put("infer_samples_per_s", infer)
        .put("infer_b1000_samples_per_s", infer1000)
        .put("test_loss", testLoss)
        .put("peak_rss_mb", PeakRss.mb());
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    if (peers.isEmpty()) return 0;

    Path script =
        Path.of(System.getProperty("dendrite.home", ".")).resolve("bench/pytorch/autoencoder.py");
    List<JsonLine> lines = new ArrayList<>();
    for (PeerConfig c :
        PeerConfig.pytorch(
            threads,
            t ->
                List.of(
                    "/usr/bin/python3",
                    script.toString(),
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
    JsonLine ratios = Ratios.line(own, "pytorch", lines, Ratios.TRAINING);
    JsonLine fastest = Ratios.best(lines, Ratios.TRAINING.get(0));
    if (fastest != null) ratios.put("peer_test_loss", fastest.number("test_loss"));
    System.out.println(ratios.put("test_loss", testLoss));
    return 0;
  }

  /** The mean per-image MSE of the reconstructions of {@code x}. */
  private double testLoss(Autoencoder ae, Tensor x) {
    MSELoss mse = new MSELoss();
    double total = 0;
    try (var off = Grad.disabled()) {
      for (int from = 0; from < x.size(0); from += batch) {
        int to = Math.min(x.size(0), from + batch);
        Tensor xb = x.slice(0, from, to);
        total += (double) mse.apply(ae.forward(xb), xb).item() * (to - from);
      }
    }
    return total / x.size(0);
  }

  private JsonLine line(String impl) {
    return new JsonLine()
        .put("bench", "autoencoder")
        .put("impl", impl)
        .put("batch", batch)
        .put("epochs", epochs);
  }
}
