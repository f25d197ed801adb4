package dev.dendrite.bench;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.InferencePlan;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Supervised;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench mlp}: Fashion-MNIST, MLP 784-256-128-10 with ReLU, cross-entropy, SGD lr
 * 0.1 momentum 0.9. Prints Dendrite's JSON line and, with {@code --peer pytorch,djl}, the lines of
 * Debian's PyTorch ({@code bench/pytorch/train.py}) and of libtorch 2.7.1 through DJL run in the
 * same command, one per thread setting ({@link PeerConfig}), each peer followed by the ratios
 * against its best setting ({@link Ratios}).
 *
 * <p>Every line has the training rate of the whole run and of the steady state ({@link
 * BatchClock}), inference at the training batch and at batch 1,000 ({@link InferenceRate}), the
 * peak RSS, and the CPU.
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
      names = "--window",
      defaultValue = "50",
      description =
          "Batches per window of the steady-state rate, the median over windows after the first"
              + " (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--peer",
      description =
          "Also run peers in the same command, each in its thread settings: pytorch, djl"
              + " (comma-separated).")
  String peer;

  /** The peers this workload has a script for. */
  List<String> knownPeers() {
    return List.of("pytorch", "djl");
  }

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || threads < 1 || epochs < 1 || window < 1)
      throw new IllegalArgumentException("--batch, --threads, --epochs and --window must be >= 1");
    if (limit < 0) throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
    List<String> peers = peers(peer, knownPeers());
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
    BatchClock clock = new BatchClock();
    long t0 = System.nanoTime();
    new Trainer(model, new TrainConfig(epochs, batch, seed)).listen(clock).fit(loader, step);
    double trainS = (System.nanoTime() - t0) / 1e9;
    model.eval();
    long right = 0;
    Tensor xt = test.features();
    int rows = xt.size(0);
    double infer, infer1000;
    // The path `eval` and `predict` take: no graph, fused layers, buffers reused between batches.
    InferencePlan plan = InferencePlan.compile(model);
    try (var off = Grad.disabled()) {
      for (int from = 0; from < rows; from += batch) {
        int to = Math.min(rows, from + batch);
        float[] p = plan.run(xt.slice(0, from, to)).argmax(1, false).toArray();
        for (int i = 0; i < p.length; i++) if ((int) p[i] == test.labels()[from + i]) right++;
      }
      infer = InferenceRate.measure(rows, batch, (f, t) -> plan.run(xt.slice(0, f, t)));
      infer1000 = InferenceRate.measure(rows, 1000, (f, t) -> plan.run(xt.slice(0, f, t)));
    }
    JsonLine own =
        new JsonLine()
            .put("bench", workload())
            .put("impl", "dendrite")
            .put("config", "threads=" + threads)
            .put("batch", batch)
            .put("threads", threads)
            .put("epochs", epochs)
            .put("warm_up", !noWarmUp)
            .put("train_samples_per_s", (double) epochs * n / trainS)
            .put("train_steady_samples_per_s", clock.steadyRate(window))
            .put("first_step_s", clock.firstStepSeconds())
            .put("window_batches", window)
            .put("infer_samples_per_s", infer)
            .put("infer_b1000_samples_per_s", infer1000)
            .put("test_accuracy", (double) right / rows)
            .put("peak_rss_mb", PeakRss.mb());
    System.out.println(limit > 0 ? own.put("train_examples", n) : own);
    Path home = Path.of(System.getProperty("dendrite.home", "."));
    for (String name : peers) {
      List<PeerConfig> configs =
          switch (name) {
            case "pytorch" -> PeerConfig.pytorch(threads, t -> pytorchCommand(home, t));
            case "djl" -> {
              Peers.ensureDjl(home, DJL_MAIN);
              yield PeerConfig.djl(
                  threads,
                  t ->
                      Peers.djl(
                          home,
                          DJL_MAIN,
                          t,
                          List.of(
                              "" + batch,
                              "" + t,
                              "" + epochs,
                              workload(),
                              "" + limit,
                              "" + window)));
            }
            default -> throw new IllegalStateException("no peer " + name);
          };
      List<JsonLine> lines = new ArrayList<>();
      for (PeerConfig c : configs) {
        JsonLine l = c.run();
        System.out.println(l);
        lines.add(l);
      }
      System.out.println(Ratios.line(own, name, lines, Ratios.TRAINING));
    }
    return 0;
  }

  static final String DJL_MAIN = "dev.dendrite.benchdjl.DjlWorkloads";

  private List<String> pytorchCommand(Path home, int torchThreads) {
    return List.of(
        "/usr/bin/python3",
        home.resolve("bench/pytorch/train.py").toString(),
        "--model",
        workload(),
        "--batch",
        "" + batch,
        "--threads",
        "" + torchThreads,
        "--epochs",
        "" + epochs,
        "--seed",
        "" + seed,
        "--limit",
        "" + limit,
        "--window",
        "" + window);
  }

  /**
   * The peers named in {@code --peer} (comma-separated, blanks ignored), checked against {@code
   * known} before anything runs; empty for none.
   */
  static List<String> peers(String option, List<String> known) {
    return names("--peer", "peer", option, known);
  }

  /**
   * The names in a comma-separated option value, blanks and repeats dropped, each checked against
   * {@code known}; empty for a null value.
   */
  static List<String> names(String option, String what, String value, List<String> known) {
    if (value == null) return List.of();
    List<String> out = new ArrayList<>();
    for (String p : value.split(",")) {
      String name = p.trim();
      if (name.isEmpty() || out.contains(name)) continue;
      if (!known.contains(name))
        throw new IllegalArgumentException(
            option
                + ": unknown "
                + what
                + " "
                + name
                + " (known: "
                + String.join(", ", known)
                + ")");
      out.add(name);
    }
    return out;
  }
}
