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
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench autoencoder}: Fashion-MNIST scaled to [0, 1], autoencoder
 * 784-256-64-256-784 (ReLU hidden and code, sigmoid output), MSE against the input, Adam lr 1e-3,
 * shuffled batches, through {@link Trainer#fit}; the final loss is the mean MSE over the test
 * images. With {@code --peer pytorch}, {@code bench/pytorch/autoencoder.py} runs the same model
 * three ways (torch threads T with OpenBLAS threads T, T with OpenBLAS single-threaded, everything
 * on 1 thread), each figure printed, and the fastest is the one compared.
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

  @Option(names = "--peer", description = "Also run the peer in the same command: pytorch.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1)
      throw new IllegalArgumentException("--batch, --threads and --epochs must be >= 1");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    if (peer != null && !peer.trim().equals("pytorch"))
      throw new IllegalArgumentException("--peer: unknown peer " + peer + " (known: pytorch)");
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
    long t0 = System.nanoTime();
    new Trainer(ae, new TrainConfig(epochs, batch, seed)).fit(loader, step);
    double trainRate = (double) epochs * n / ((System.nanoTime() - t0) / 1e9);
    ae.eval();
    double testLoss = testLoss(ae, xTest);
    JsonLine own = line("dendrite").put("threads", threads);
    own.put("train_samples_per_s", trainRate).put("test_loss", testLoss);
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    if (peer == null) return 0;

    Path script =
        Path.of(System.getProperty("dendrite.home", ".")).resolve("bench/pytorch/autoencoder.py");
    // {torch threads, OpenBLAS threads}: Debian's PyTorch does its GEMMs in OpenBLAS, whose own
    // threads can help or fight torch's; the fastest setting is the peer's figure.
    List<int[]> configs = new ArrayList<>(List.of(new int[] {threads, threads}));
    if (threads > 1) configs.add(new int[] {threads, 1});
    configs.add(new int[] {1, 1});
    String best = null;
    double bestRate = 0;
    for (int[] c : configs) {
      List<String> cmd =
          List.of(
              "/usr/bin/python3",
              script.toString(),
              "--batch",
              "" + batch,
              "--threads",
              "" + c[0],
              "--epochs",
              "" + epochs,
              "--seed",
              "" + seed,
              "--limit",
              "" + limit);
      String out = Peers.run(cmd, c[0], Map.of("OPENBLAS_NUM_THREADS", "" + c[1]));
      System.out.println(out);
      Double rate = MlpBench.field(out, "train_samples_per_s");
      if (rate != null && rate > bestRate) {
        best = out;
        bestRate = rate;
      }
    }
    if (best == null) return 0;
    System.out.println(
        line("ratio")
            .put("peer", "pytorch")
            .put("threads", threads)
            .put("peer_threads", MlpBench.field(best, "threads").intValue())
            .put("peer_blas_threads", MlpBench.field(best, "blas_threads").intValue())
            .put("train_samples_per_s", trainRate)
            .put("peer_train_samples_per_s", bestRate)
            .put("test_loss", testLoss)
            .put("peer_test_loss", MlpBench.field(best, "test_loss"))
            .put("dendrite_over_peer", trainRate / bestRate));
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
