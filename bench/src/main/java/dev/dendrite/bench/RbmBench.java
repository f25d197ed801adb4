package dev.dendrite.bench;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.unsupervised.ContrastiveDivergence;
import dev.dendrite.unsupervised.RBM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench rbm}: a Bernoulli RBM on Fashion-MNIST scaled to [0, 1], trained with
 * scikit-learn's method (PCD-1, no momentum, no weight decay, batches in order) through {@link
 * Trainer#fit}; scored by the mean pseudo-likelihood of the test images; inference is the hidden
 * units' probabilities (scikit-learn's {@code transform}). With {@code --peer sklearn}, {@code
 * bench/sklearn/rbm.py} runs {@code BernoulliRBM} on the same data with {@code --threads} and with
 * 1 BLAS thread, each line printed, and every ratio is against the best of the two.
 */
@Command(
    name = "rbm",
    mixinStandardHelpOptions = true,
    description = "Train a Bernoulli RBM on Fashion-MNIST (PCD-1); compare with scikit-learn.")
class RbmBench implements Callable<Integer> {
  @Option(
      names = "--hidden",
      defaultValue = "256",
      description = "Hidden units (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--batch",
      defaultValue = "64",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--epochs",
      defaultValue = "10",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "0.1",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

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
      description =
          "Also run the peer in the same command, with its BLAS on --threads threads and on one:"
              + " sklearn.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (hidden < 1 || batch < 1 || threads < 1 || epochs < 1)
      throw new IllegalArgumentException("--hidden, --batch, --threads and --epochs must be >= 1");
    if (!(lr > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + lr);
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    if (window < 1) throw new IllegalArgumentException("--window must be >= 1, got " + window);
    List<String> peers = MlpBench.peers(peer, List.of("sklearn"));
    Threads.set(threads);
    Threads.warmUp(); // gets the kernels compiled on the core that data loading leaves idle
    Labeled train = FashionMnist.load(true), test = FashionMnist.load(false);
    if (limit > 0 && limit < train.size())
      train = train.subset(java.util.stream.IntStream.range(0, limit).toArray());
    Tensor x = train.features(), xTest = test.features();
    int n = x.size(0);
    Rng rng = new Rng(seed);
    RBM rbm = new RBM(x.size(1), hidden, rng);
    var step = new ContrastiveDivergence(rbm, ContrastiveDivergence.Config.pcd(lr), batch, rng);
    // scikit-learn's fit takes the rows in order, in even slices of the batch size.
    var loader =
        new DataLoader<>(
            n,
            batch,
            false,
            false,
            seed,
            (rows, number) -> {
              Tensor r = DataLoader.indexTensor(rows);
              return new DataLoader.Batch(x.indexSelect(0, r), r);
            });
    BatchClock clock = new BatchClock();
    long t0 = System.nanoTime();
    new Trainer(rbm, new TrainConfig(epochs, batch, seed)).listen(clock).fit(loader, step);
    double trainRate = (double) epochs * n / ((System.nanoTime() - t0) / 1e9);
    rbm.eval();
    double pl = rbm.pseudoLikelihood(xTest, new Rng(seed)).mean().item();
    int rows = xTest.size(0);
    double infer, infer1000;
    // scikit-learn's transform: the hidden units' probabilities
    try (var off = Grad.disabled()) {
      infer =
          InferenceRate.measure(
              rows, batch, (f, t) -> rbm.hiddenProbabilities(xTest.slice(0, f, t)));
      infer1000 =
          InferenceRate.measure(
              rows, 1000, (f, t) -> rbm.hiddenProbabilities(xTest.slice(0, f, t)));
    }
    JsonLine own = line("dendrite").put("config", "threads=" + threads).put("threads", threads);
    own.put("train_samples_per_s", trainRate)
        .put("train_steady_samples_per_s", clock.steadyRate(window))
        .put("window_batches", window)
        .put("infer_samples_per_s", infer)
        .put("infer_b1000_samples_per_s", infer1000)
        .put("pseudo_likelihood", pl)
        .put("peak_rss_mb", PeakRss.mb());
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    if (peers.isEmpty()) return 0;

    Path script = Path.of(System.getProperty("dendrite.home", ".")).resolve("bench/sklearn/rbm.py");
    List<JsonLine> lines = new ArrayList<>();
    for (PeerConfig c :
        PeerConfig.sklearn(
            threads,
            t ->
                List.of(
                    "/usr/bin/python3",
                    script.toString(),
                    "--hidden",
                    "" + hidden,
                    "--batch",
                    "" + batch,
                    "--epochs",
                    "" + epochs,
                    "--lr",
                    "" + lr,
                    "--threads",
                    "" + t,
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
    JsonLine ratios = Ratios.line(own, "sklearn", lines, Ratios.TRAINING);
    // The score is compared with the fastest trainer's: scikit-learn's own moves with its BLAS
    // threads (a different summation order changes the sampled path).
    JsonLine fastest = Ratios.best(lines, Ratios.TRAINING.get(0));
    if (fastest != null) {
      double peerPl = fastest.number("pseudo_likelihood");
      ratios
          .put("peer_pseudo_likelihood", peerPl)
          .put("pseudo_likelihood_gap", (pl - peerPl) / Math.abs(peerPl));
    }
    System.out.println(ratios);
    return 0;
  }

  private JsonLine line(String impl) {
    return new JsonLine()
        .put("bench", "rbm")
        .put("impl", impl)
        .put("hidden", hidden)
        .put("batch", batch)
        .put("lr", lr)
        .put("epochs", epochs);
  }
}
