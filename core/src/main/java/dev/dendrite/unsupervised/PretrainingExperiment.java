package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Init;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does unsupervised pre-training help a sigmoid MLP learn from few labels? A controlled comparison
 * of four initialisations of the same network, {@code Linear, Sigmoid, …, Linear(h_last, classes)},
 * fine-tuned with the same optimiser for the same number of epochs on the same labelled subset and
 * scored on the same test set:
 *
 * <ul>
 *   <li>{@link Arm#PYTORCH}: every {@link Linear} as PyTorch initialises it;
 *   <li>{@link Arm#XAVIER}: Glorot-uniform weights (gain 1, sigmoid's) and zero biases;
 *   <li>{@link Arm#DBN}: the hidden layers from a {@link DeepBeliefNet} of CD-1 RBMs;
 *   <li>{@link Arm#SDAE}: the hidden layers from a {@link StackedAutoencoder} of tied, sigmoid,
 *       denoising autoencoders (masking noise, cross-entropy reconstruction).
 * </ul>
 *
 * <p>For each seed the training images are shuffled; the labelled subsets are prefixes of that
 * order (so the 600 labels are among the 2000), and pre-training sees only the images after the
 * largest subset, without their labels (or, with {@link Config#pretrainOnAll}, every training
 * image). One pre-training per seed serves every subset size. The pre-trained arms' heads, and the
 * PyTorch arm's every layer, come from the same generator, so the arms differ only in their hidden
 * layers' starting weights.
 */
public final class PretrainingExperiment {
  /** An initialisation under comparison. */
  public enum Arm {
    PYTORCH("pytorch", "random, PyTorch default"),
    XAVIER("xavier", "random, Xavier uniform"),
    DBN("dbn", "DBN (stacked RBMs, CD-1)"),
    SDAE("sdae", "stacked denoising AEs");
    private final String key, label;

    Arm(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** The short name used on the command line and in JSON. */
    public String key() {
      return key;
    }

    /** The row's name in the table. */
    public String label() {
      return label;
    }

    /** The arm named {@code key}, or a one-line error listing the names. */
    public static Arm of(String key) {
      for (Arm a : values()) if (a.key.equals(key)) return a;
      throw new IllegalArgumentException(
          "unknown arm " + key + "; expected one of pytorch, xavier, dbn, sdae");
    }
  }

  /**
   * @param hidden hidden layer sizes, e.g. {@code 500, 250}
   * @param labels labelled subset sizes, e.g. {@code 600, 2000}
   * @param unlabelled images pre-training uses at most (0: all that are available)
   * @param pretrainOnAll pre-train on every training image rather than those outside the subsets
   * @param arms the initialisations compared
   * @param seeds how many seeds, {@code seed}, {@code seed + 1}, …
   * @param seed the first seed
   * @param pretrainEpochs epochs per pre-trained layer
   * @param epochs fine-tuning epochs, the same for every arm
   * @param batchSize fine-tuning batch size
   * @param lr fine-tuning Adam learning rate
   * @param cd the RBMs' contrastive divergence
   * @param corruption the autoencoders' masking probability
   * @param aeLr the autoencoders' Adam learning rate
   * @param pretrainBatch pre-training batch size
   * @param traceTest score the test set after every fine-tuning epoch ({@code val_accuracy} to the
   *     fine-tuning listeners), to read off how many epochs a target takes; it selects nothing
   */
  public record Config(
      int[] hidden,
      int[] labels,
      int unlabelled,
      boolean pretrainOnAll,
      List<Arm> arms,
      int seeds,
      long seed,
      int pretrainEpochs,
      int epochs,
      int batchSize,
      double lr,
      ContrastiveDivergence.Config cd,
      double corruption,
      double aeLr,
      int pretrainBatch,
      boolean traceTest) {
    public Config {
      hidden = hidden.clone();
      labels = labels.clone();
      arms = List.copyOf(arms);
      if (hidden.length == 0) throw new IllegalArgumentException("pretraining: no hidden layers");
      for (int h : hidden)
        if (h < 1)
          throw new IllegalArgumentException(
              "pretraining: hidden sizes must be >= 1, got " + Arrays.toString(hidden));
      if (labels.length == 0) throw new IllegalArgumentException("pretraining: no label counts");
      for (int l : labels)
        if (l < 1)
          throw new IllegalArgumentException(
              "pretraining: label counts must be >= 1, got " + Arrays.toString(labels));
      if (arms.isEmpty()) throw new IllegalArgumentException("pretraining: no arms to compare");
      if (unlabelled < 0)
        throw new IllegalArgumentException(
            "pretraining: unlabelled must be >= 0, got " + unlabelled);
      if (seeds < 1 || pretrainEpochs < 1 || epochs < 1 || batchSize < 1 || pretrainBatch < 1)
        throw new IllegalArgumentException(
            "pretraining: seeds, epochs and batch sizes must be >= 1");
      if (!(lr > 0) || !(aeLr > 0))
        throw new IllegalArgumentException("pretraining: learning rates must be > 0");
      if (!(corruption >= 0 && corruption < 1))
        throw new IllegalArgumentException(
            "pretraining: corruption must be in [0, 1), got " + corruption);
    }

    /**
     * The defaults of {@code dendrite demo pretraining}: 784-500-250-10, 600 and 2000 labels,
     * 20,000 unlabelled images, all four arms, 5 seeds; 5 pre-training epochs per layer (CD-1 at lr
     * 0.1, momentum 0.5, weight decay 2·10⁻⁴; autoencoders with 25 % masking, Adam 10⁻³), batch 64;
     * 30 fine-tuning epochs of Adam at 10⁻³, batch 32.
     */
    public static Config defaults() {
      return new Config(
          new int[] {500, 250},
          new int[] {600, 2000},
          20_000,
          false,
          List.of(Arm.values()),
          5,
          1,
          5,
          30,
          32,
          1e-3,
          ContrastiveDivergence.Config.cd(1, 0.1).withMomentum(0.5).withWeightDecay(2e-4),
          0.25,
          1e-3,
          64,
          false);
    }

    public Config withHidden(int... h) {
      return edit(e -> e.hidden = h);
    }

    public Config withLabels(int... l) {
      return edit(e -> e.labels = l);
    }

    public Config withUnlabelled(int u, boolean all) {
      return edit(
          e -> {
            e.unlabelled = u;
            e.pretrainOnAll = all;
          });
    }

    public Config withArms(List<Arm> a) {
      return edit(e -> e.arms = a);
    }

    public Config withSeeds(int n, long first) {
      return edit(
          e -> {
            e.seeds = n;
            e.seed = first;
          });
    }

    public Config withEpochs(int pretrain, int fineTune) {
      return edit(
          e -> {
            e.pretrainEpochs = pretrain;
            e.epochs = fineTune;
          });
    }

    public Config withFineTuning(int batch, double rate) {
      return edit(
          e -> {
            e.batchSize = batch;
            e.lr = rate;
          });
    }

    public Config withTraceTest(boolean trace) {
      return edit(e -> e.traceTest = trace);
    }

    /** This config with {@code change} applied to a copy of its fields, validated again. */
    private Config edit(java.util.function.Consumer<Fields> change) {
      Fields e = new Fields(this);
      change.accept(e);
      return new Config(
          e.hidden,
          e.labels,
          e.unlabelled,
          e.pretrainOnAll,
          e.arms,
          e.seeds,
          e.seed,
          e.pretrainEpochs,
          e.epochs,
          e.batchSize,
          e.lr,
          e.cd,
          e.corruption,
          e.aeLr,
          e.pretrainBatch,
          e.traceTest);
    }

    /** The fields of a config being edited. */
    private static final class Fields {
      int[] hidden;
      int[] labels;
      int unlabelled;
      boolean pretrainOnAll;
      List<Arm> arms;
      int seeds;
      long seed;
      int pretrainEpochs;
      int epochs;
      int batchSize;
      double lr;
      ContrastiveDivergence.Config cd;
      double corruption;
      double aeLr;
      int pretrainBatch;
      boolean traceTest;

      Fields(Config c) {
        hidden = c.hidden;
        labels = c.labels;
        unlabelled = c.unlabelled;
        pretrainOnAll = c.pretrainOnAll;
        arms = c.arms;
        seeds = c.seeds;
        seed = c.seed;
        pretrainEpochs = c.pretrainEpochs;
        epochs = c.epochs;
        batchSize = c.batchSize;
        lr = c.lr;
        cd = c.cd;
        corruption = c.corruption;
        aeLr = c.aeLr;
        pretrainBatch = c.pretrainBatch;
        traceTest = c.traceTest;
      }
    }

    /** The network's layer sizes for {@code features} inputs and {@code classes} outputs. */
    public int[] sizes(int features, int classes) {
      int[] s = new int[hidden.length + 2];
      s[0] = features;
      System.arraycopy(hidden, 0, s, 1, hidden.length);
      s[s.length - 1] = classes;
      return s;
    }
  }

  /** One fine-tuned network: its arm, labels, seed, test accuracy and fine-tuning time. */
  public record Run(Arm arm, int labels, long seed, double testAccuracy, double seconds) {
    /** One JSON object on one line. */
    public String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arm", arm.key());
      m.put("labels", labels);
      m.put("seed", seed);
      m.put("test_accuracy", testAccuracy);
      m.put("seconds", seconds);
      return dev.dendrite.io.Json.write(m);
    }
  }

  /** Mean and sample standard deviation (n − 1) of one arm's test accuracy at one label count. */
  public record Cell(Arm arm, int labels, double mean, double std, int runs) {
    /** One JSON object on one line. */
    public String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("arm", arm.key());
      m.put("labels", labels);
      m.put("mean", mean);
      m.put("std", std);
      m.put("seeds", runs);
      return dev.dendrite.io.Json.write(m);
    }
  }

  /** What the experiment reports as it goes; every method may be left as it is. */
  public interface Progress {
    /** A stage begins, e.g. {@code seed 1: DBN pre-training on 57,000 images}. */
    default void stage(String what) {}

    /** Listeners for every pre-training layer's trainer run. */
    default List<TrainListener> pretraining() {
      return List.of();
    }

    /** Listeners for every fine-tuning run. */
    default List<TrainListener> fineTuning() {
      return List.of();
    }

    /** A network is fine-tuned and scored. */
    default void finished(Run r) {}
  }

  private PretrainingExperiment() {}

  /**
   * Runs the comparison on {@code train} (its features in [0, 1]) and scores on {@code test},
   * reporting to {@code progress} (or null); returns every run, seed by seed, label count by label
   * count, arm by arm.
   */
  public static List<Run> run(Labeled train, Labeled test, Config cfg, Progress progress) {
    if (progress == null) progress = new Progress() {};
    int largest = Arrays.stream(cfg.labels()).max().orElseThrow();
    if (largest > train.size())
      throw new IllegalArgumentException(
          "pretraining: "
              + largest
              + " labels asked for, but the training set has "
              + train.size()
              + " images");
    boolean pretrains = cfg.arms().contains(Arm.DBN) || cfg.arms().contains(Arm.SDAE);
    int pool = cfg.pretrainOnAll() ? train.size() : train.size() - largest;
    if (pretrains && pool == 0)
      throw new IllegalArgumentException(
          "pretraining: every training image is labelled, none is left to pre-train on;"
              + " use fewer labels or pre-train on all images");
    int features = train.features().size(1), classes = train.classes().size();
    int[] sizes = cfg.sizes(features, classes);
    int[] body = Arrays.copyOf(sizes, sizes.length - 1);
    List<Run> runs = new ArrayList<>();
    for (int s = 0; s < cfg.seeds(); s++) {
      long seed = cfg.seed() + s;
      int[] order = permutation(train.size(), new Rng(seed));
      int from = cfg.pretrainOnAll() ? 0 : largest;
      int n = cfg.unlabelled() == 0 ? pool : Math.min(cfg.unlabelled(), pool);
      Tensor unlabelled =
          pretrains
              ? train.features().indexSelect(0, index(Arrays.copyOfRange(order, from, from + n)))
              : null;
      TrainConfig pre = new TrainConfig(cfg.pretrainEpochs(), cfg.pretrainBatch(), seed);
      TrainListener[] preListeners = progress.pretraining().toArray(TrainListener[]::new);
      DeepBeliefNet dbn = null;
      if (cfg.arms().contains(Arm.DBN)) {
        progress.stage(
            String.format(
                Locale.ROOT, "seed %d: DBN pre-training on %,d unlabelled images", seed, n));
        dbn = new DeepBeliefNet(body, new Rng(seed ^ 0x5DEECE66DL));
        dbn.pretrain(unlabelled, null, cfg.cd(), pre, preListeners);
      }
      StackedAutoencoder sdae = null;
      if (cfg.arms().contains(Arm.SDAE)) {
        progress.stage(
            String.format(
                Locale.ROOT,
                "seed %d: stacked denoising autoencoder pre-training on %,d unlabelled images",
                seed,
                n));
        sdae =
            new StackedAutoencoder(
                body, Autoencoder.Hidden.SIGMOID, true, new Rng(seed ^ 0x2545F4914F6CDD1DL));
        sdae.pretrain(
            unlabelled,
            null,
            new BCELoss(),
            ps -> new Adam(cfg.aeLr()).create(ps),
            Corruption.masking(cfg.corruption()),
            pre,
            preListeners);
      }
      for (int labels : cfg.labels()) {
        Labeled subset = train.subset(Arrays.copyOf(order, labels));
        for (Arm arm : cfg.arms()) {
          progress.stage(
              String.format(
                  Locale.ROOT, "seed %d, %,d labels: fine-tuning %s", seed, labels, arm.label()));
          // The same generator for every arm: the heads, and the PyTorch arm's hidden layers,
          // start from the same numbers.
          Rng rng = new Rng(seed * 1_000_003L + labels);
          Sequential net =
              switch (arm) {
                case PYTORCH -> mlp(sizes, rng);
                case XAVIER -> xavier(mlp(sizes, rng), rng);
                case DBN -> dbn.unroll(classes, rng);
                case SDAE -> sdae.unroll(classes, rng);
              };
          long t0 = System.nanoTime();
          var loss = new CrossEntropyLoss();
          Trainer t =
              new Trainer(
                  net,
                  loss,
                  new Adam(cfg.lr()).create(net.parameters()),
                  new TrainConfig(cfg.epochs(), cfg.batchSize(), seed));
          for (TrainListener l : progress.fineTuning()) t.listen(l);
          t.fit(subset, cfg.traceTest() ? test : null);
          double acc = Trainer.evaluate(net, loss, test, 500).confusion().accuracy();
          Run r = new Run(arm, labels, seed, acc, (System.nanoTime() - t0) / 1e9);
          runs.add(r);
          progress.finished(r);
        }
      }
    }
    return runs;
  }

  /** The sigmoid MLP of {@code sizes}, every layer as PyTorch initialises it. */
  static Sequential mlp(int[] sizes, Rng rng) {
    List<Module> mods = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.length; i++) {
      mods.add(new Linear(sizes[i], sizes[i + 1], rng));
      if (i + 2 < sizes.length) mods.add(new Sigmoid());
    }
    return new Sequential(mods);
  }

  private static Sequential xavier(Sequential net, Rng rng) {
    try (var off = Grad.disabled()) {
      for (Module m : net.layers())
        if (m instanceof Linear l) {
          Init.xavierUniform(l.weight(), Init.gain("sigmoid", Double.NaN), rng);
          Init.zeros(l.bias());
        }
    }
    return net;
  }

  /** Mean ± std per arm and label count, in the order the config lists them. */
  public static List<Cell> summarise(List<Run> runs, Config cfg) {
    List<Cell> cells = new ArrayList<>();
    for (Arm arm : cfg.arms())
      for (int labels : cfg.labels()) {
        double[] acc =
            runs.stream()
                .filter(r -> r.arm() == arm && r.labels() == labels)
                .mapToDouble(Run::testAccuracy)
                .toArray();
        double mean = Arrays.stream(acc).average().orElse(Double.NaN);
        double ss = 0;
        for (double a : acc) ss += (a - mean) * (a - mean);
        double std = acc.length > 1 ? Math.sqrt(ss / (acc.length - 1)) : 0;
        cells.add(new Cell(arm, labels, mean, std, acc.length));
      }
    return cells;
  }

  /**
   * The table: a row per arm, a column per label count, each cell the test accuracy in percent,
   * mean ± std over the seeds.
   */
  public static String table(List<Cell> cells, Config cfg) {
    StringBuilder sb = new StringBuilder();
    int w = 26;
    sb.append(String.format(Locale.ROOT, "%-" + w + "s", "initialisation"));
    for (int l : cfg.labels())
      sb.append(String.format(Locale.ROOT, "  %15s", String.format("%,d labels", l)));
    sb.append('\n');
    for (Arm arm : cfg.arms()) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s", arm.label()));
      for (int l : cfg.labels())
        for (Cell c : cells)
          if (c.arm() == arm && c.labels() == l)
            sb.append(
                String.format(
                    Locale.ROOT,
                    "  %15s",
                    String.format("%.2f ± %.2f", 100 * c.mean(), 100 * c.std())));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int[] permutation(int n, Rng rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static Tensor index(int[] rows) {
    return dev.dendrite.data.DataLoader.indexTensor(rows);
  }
}
