package dev.dendrite.bench;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench rbm}: a Bernoulli RBM on Fashion-MNIST scaled to [0, 1], trained with
 * scikit-learn's method (PCD-1, no momentum, no weight decay, batches in order) through {@link
 * Trainer#fit}; scored by the mean pseudo-likelihood of the test images. With {@code --peer
 * sklearn}, {@code bench/sklearn/rbm.py} runs {@code BernoulliRBM} on the same data with 1 and with
 * {@code --threads} BLAS threads, each figure printed, and the faster is the one compared.
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

  @Option(names = "--peer", description = "Also run the peer in the same command: sklearn.")
  String peer;

  @Override
  public Integer call() throws Exception {
    if (hidden < 1 || batch < 1 || threads < 1 || epochs < 1)
      throw new IllegalArgumentException("--hidden, --batch, --threads and --epochs must be >= 1");
    if (!(lr > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + lr);
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    if (peer != null && !peer.trim().equals("sklearn"))
      throw new IllegalArgumentException("--peer: unknown peer " + peer + " (known: sklearn)");
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
    long t0 = System.nanoTime();
    new Trainer(rbm, new TrainConfig(epochs, batch, seed)).fit(loader, step);
    double trainRate = (double) epochs * n / ((System.nanoTime() - t0) / 1e9);
    rbm.eval();
    double pl = rbm.pseudoLikelihood(xTest, new Rng(seed)).mean().item();
    JsonLine own = line("dendrite").put("threads", threads);
    own.put("train_samples_per_s", trainRate).put("pseudo_likelihood", pl);
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    if (peer == null) return 0;

    Path script = Path.of(System.getProperty("dendrite.home", ".")).resolve("bench/sklearn/rbm.py");
    Set<Integer> counts = new LinkedHashSet<>(List.of(1, threads));
    String best = null;
    double bestRate = 0;
    for (int t : counts) {
      List<String> cmd =
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
              "" + limit);
      String out = Peers.run(cmd, t);
      System.out.println(out);
      Double rate = MlpBench.field(out, "train_samples_per_s");
      if (rate != null && rate > bestRate) {
        best = out;
        bestRate = rate;
      }
    }
    if (best == null) return 0;
    Double peerPl = MlpBench.field(best, "pseudo_likelihood");
    System.out.println(
        line("ratio")
            .put("peer", "sklearn")
            .put("peer_threads", MlpBench.field(best, "threads").intValue())
            .put("peer_train_samples_per_s", bestRate)
            .put("peer_pseudo_likelihood", peerPl)
            .put("dendrite_over_peer", trainRate / bestRate)
            .put("pseudo_likelihood_gap", (pl - peerPl) / Math.abs(peerPl)));
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
