package dev.dendrite.train;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.StateDictLoader;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.ParamGroups;
import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Transfer between two halves of a 10-class image set (Fashion-MNIST): a CNN trained on classes 0–4
 * (the source) is adapted to classes 5–9 from a few labelled images per class, three ways: frozen
 * features and a new head, fine-tuning everything (backbone at a tenth of the head's rate, two
 * parameter groups), and the same network trained from scratch. Each seed draws its own labelled
 * images, head and scratch network; the source network is trained once.
 */
public final class TransferExperiment {
  private TransferExperiment() {}

  /** How the target task is learnt. */
  public enum Arm {
    FROZEN("frozen features + new head (lr×10)"),
    FINETUNE("fine-tune all (backbone lr/10)"),
    SCRATCH("from scratch");

    private final String label;

    Arm(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param sourceImages source-task training images used (at most all of classes 0–4)
   * @param sourceEpochs epochs on the source task
   * @param perClass labelled target images per class
   * @param epochs epochs on the target task, every arm
   * @param lr Adam's rate for the head (and the scratch network)
   * @param seeds seeds 1..seeds
   */
  public record Config(
      int sourceImages, int sourceEpochs, int perClass, int epochs, double lr, int seeds) {
    public Config {
      if (sourceImages < 1 || sourceEpochs < 1 || perClass < 1 || epochs < 1 || seeds < 1)
        throw new IllegalArgumentException("transfer: sizes, epochs and seeds must be >= 1");
      if (!(lr > 0)) throw new IllegalArgumentException("transfer: lr must be > 0, got " + lr);
    }
  }

  /** One arm's test accuracy on classes 5–9 for one seed. */
  public record Run(Arm arm, int seed, double accuracy, double seconds) {}

  /** What the source network scored on its own test images, and every run. */
  public record Result(double sourceAccuracy, List<Run> runs) {}

  static final String SPEC =
      """
      {"type": "Sequential", "layers": [
        {"type": "Unflatten", "shape": [1, 28, 28]},
        {"type": "Conv2d", "in": 1, "out": 8, "kernel": 3, "padding": 1}, {"type": "ReLU"},
        {"type": "MaxPool2d", "kernel": 2},
        {"type": "Conv2d", "in": 8, "out": 16, "kernel": 3, "padding": 1}, {"type": "ReLU"},
        {"type": "MaxPool2d", "kernel": 2},
        {"type": "Flatten"}, {"type": "Linear", "in": 784, "out": 32}, {"type": "ReLU"},
        {"type": "Linear", "in": 32, "out": 5}]}
      """;

  /** Index of the head in {@link #SPEC}'s Sequential. */
  static final int HEAD = 10;

  /** The CNN of this experiment with a 5-way head, initialised from {@code rng}. */
  public static Sequential network(Rng rng) {
    return (Sequential) ModelSpec.parse(SPEC, rng);
  }

  /** The rows of {@code data} whose label is in [from, from + 5), relabelled 0–4. */
  public static Labeled half(Labeled data, int from) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < data.size(); i++)
      if (data.labels()[i] >= from && data.labels()[i] < from + 5) rows.add(i);
    Labeled s = data.subset(rows.stream().mapToInt(Integer::intValue).toArray());
    int[] lab = Arrays.stream(s.labels()).map(l -> l - from).toArray();
    return new Labeled(s.features(), lab, data.classes().subList(from, from + 5));
  }

  /**
   * The first {@code n} images of each class of {@code data} in an order drawn from {@code rng}.
   */
  static Labeled perClass(Labeled data, int n, Rng rng) {
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    rng.shuffle(order);
    int[] count = new int[data.classes().size()];
    List<Integer> rows = new ArrayList<>();
    for (int i : order) if (count[data.labels()[i]]++ < n) rows.add(i);
    if (rows.size() < n * count.length)
      throw new IllegalArgumentException("transfer: fewer than " + n + " images in some class");
    return data.subset(rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Runs the experiment on a 10-class train/test pair; {@code progress} hears each step. */
  public static Result run(Labeled train, Labeled test, Config cfg, Consumer<String> progress) {
    var loss = new CrossEntropyLoss();
    Labeled source = half(train, 0), sourceTest = half(test, 0);
    if (cfg.sourceImages() < source.size())
      source = source.split((double) cfg.sourceImages() / source.size(), 0)[0];
    Labeled target = half(train, 5), targetTest = half(test, 5);

    progress.accept(
        "training the source CNN on classes 0-4: "
            + source.size()
            + " images, "
            + cfg.sourceEpochs()
            + " epochs");
    Sequential pre = network(new Rng(0));
    new Trainer(
            pre,
            loss,
            new Adam(1e-3).create(pre.parameters()),
            new TrainConfig(cfg.sourceEpochs(), 64, 0))
        .fit(source, null);
    double sourceAcc = Trainer.evaluate(pre, loss, sourceTest, 500).confusion().accuracy();

    List<Run> runs = new ArrayList<>();
    for (int seed = 1; seed <= cfg.seeds(); seed++) {
      Labeled few = perClass(target, cfg.perClass(), new Rng(seed));
      for (Arm arm : Arm.values()) {
        progress.accept("seed " + seed + ": " + arm.label());
        long t0 = System.nanoTime();
        Rng rng = new Rng(1000L + seed);
        Sequential net = network(rng);
        Optimizer opt;
        if (arm == Arm.SCRATCH) {
          opt = new Adam(cfg.lr()).create(net.parameters());
        } else {
          StateDictLoader.load(net, pre.stateDict(), true);
          net = net.replace(HEAD, new Linear(32, 5, rng));
          var head = net.layers().get(HEAD).parameters();
          if (arm == Arm.FROZEN) {
            net.freeze("*");
            net.unfreeze(HEAD + ".*");
            // A head alone on fixed features is a linear probe: it needs a larger step than a
            // head trained with its backbone to move its random start within a few epochs.
            opt = new Adam(cfg.lr() * 10).create(head);
          } else {
            List<dev.dendrite.tensor.Tensor> body = new ArrayList<>(net.parameters());
            body.removeAll(head);
            opt =
                ParamGroups.of(
                    new Adam(cfg.lr() / 10).create(body), new Adam(cfg.lr()).create(head));
          }
        }
        new Trainer(net, loss, opt, new TrainConfig(cfg.epochs(), 25, seed)).fit(few, null);
        double acc = Trainer.evaluate(net, loss, targetTest, 500).confusion().accuracy();
        runs.add(new Run(arm, seed, acc, (System.nanoTime() - t0) / 1e9));
      }
    }
    return new Result(sourceAcc, runs);
  }
}
