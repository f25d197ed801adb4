package dev.dendrite.cli;

import dev.dendrite.autograd.Anomaly;
import dev.dendrite.data.ClassWeights;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.LoadResult;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.NameMap;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.StateDictLoader;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adagrad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSprop;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite train}: trains a network by backpropagation on a real data set and reports its
 * test accuracy. Batch GD, SGD and mini-batch GD are batch sizes N, 1 and b.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a network by backpropagation and report its test accuracy.",
      "Default: an MLP on the bundled Iris data (offline). --data fashion_mnist trains"
          + " 784-256-128-10."
    })
final class TrainCommand implements Callable<Integer> {
  enum Opt {
    sgd,
    adam,
    adamw,
    rmsprop,
    adagrad
  }

  @Spec CommandSpec spec;

  @Mixin Options.Data data;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--augment",
      paramLabel = "LIST",
      converter = Converters.Augment.class,
      description =
          "Augment training batches, e.g. flip,crop:4,rotate:10,translate:2,noise:0.05,cutout:8.")
  Augmenter augment;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "A model spec (JSON), e.g. examples/specs/mlp-fashion.json (default: a built-in MLP).")
  Path model;

  @Option(
      names = "--init",
      paramLabel = "FILE",
      description =
          "Start from the weights of a model archive (e.g. from `dendrite import`), loaded by"
              + " name into --model's layers; keys it lacks keep their initialisation.")
  Path init;

  @Option(
      names = "--init-map",
      paramLabel = "FROM=TO",
      description =
          "Rename --init's keys by a regex rule first (repeatable); a key renamed to nothing is"
              + " dropped, e.g. '^10\\..*=' to leave a new head as initialised.")
  List<String> initMap = new ArrayList<>();

  @Option(
      names = "--freeze",
      paramLabel = "PATTERN",
      description =
          "Freeze the parameters whose names match a glob (e.g. '[1-6].*') or 're:' regex; they"
              + " are not trained (repeatable).")
  List<String> freeze = new ArrayList<>();

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      description = "${COMPLETION-CANDIDATES} (default: sgd with momentum 0.9).",
      defaultValue = "sgd")
  Opt optimizer;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description =
          "Learning rate (default: 0.05 for iris, 0.1 for fashion_mnist; 0.001 for Adam-type).")
  Double lr;

  @Option(
      names = "--momentum",
      paramLabel = "M",
      description = "SGD/RMSprop momentum (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.9")
  double momentum;

  @Option(
      names = "--weight-decay",
      paramLabel = "W",
      description = "Weight decay (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  double weightDecay;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training data (default: 60 for iris, 5 for fashion_mnist).")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Examples per step; 1 is SGD, the whole set is batch GD (default: 16 / 64).")
  Integer batchSize;

  @Option(
      names = "--schedule",
      paramLabel = "SCHEDULE",
      converter = Converters.Schedule.class,
      description =
          "Learning rate per epoch: cosine (to 0 over the run), step:N:GAMMA (×GAMMA every N"
              + " epochs) or exp:GAMMA (×GAMMA every epoch); default: constant.")
  Converters.LrSchedule schedule;

  @Option(
      names = "--label-smoothing",
      paramLabel = "EPS",
      description = "Cross-entropy label smoothing ε (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  double labelSmoothing;

  @Option(
      names = "--class-weights",
      paramLabel = "WEIGHTS",
      converter = Converters.ClassWeights.class,
      description = "'balanced' (n / (classes·count)) or one weight per class, comma-separated.")
  Converters.Weights classWeights;

  @Option(
      names = "--clip-norm",
      paramLabel = "NORM",
      description = "Clip the gradient norm to this (default: no clipping).",
      defaultValue = "0")
  double clipNorm;

  @Option(
      names = "--val-split",
      paramLabel = "FRACTION",
      description =
          "Fraction of the training data held out for validation (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double valSplit;

  @Option(
      names = "--early-stopping",
      paramLabel = "EPOCHS",
      description =
          "Stop when the validation loss has not improved for N epochs; keep the best weights.")
  Integer patience;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Save the trained model here (.dnd: safetensors with the spec).")
  Path output;

  @Mixin Options.Run runFiles;

  @Option(
      names = "--detect-anomaly",
      description =
          "Stop at the first NaN or infinity in a forward or backward pass, naming the op, the"
              + " layer and the step (slow: for debugging).")
  boolean detectAnomaly;

  @Option(
      names = "--diverge-factor",
      paramLabel = "F",
      description =
          "Stop when a batch loss exceeds F times the lowest so far (default: ${DEFAULT-VALUE},"
              + " off; NaN, infinity and 1e30 always stop the run).",
      defaultValue = "0")
  double divergeFactor;

  @Option(
      names = "--confusion",
      description = "Print the test confusion matrix and per-class precision, recall, F1.")
  boolean confusion;

  /** The run's settings once the data's kind decided the defaults. */
  private record Settings(int epochs, int batch, double lr) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    Settings run = settings();
    Shared.checkWritable(output, "--output");
    Anomaly.enable(detectAnomaly);
    DataSets.Split d = data.load(seed.seed, out);
    // One class trains "successfully" to a constant answer, and its validation loss is NaN.
    if (d.train().classes().size() < 2)
      throw new IllegalArgumentException(
          data.describe()
              + ": only one class ("
              + String.join(", ", d.train().classes())
              + "); a classifier needs at least two");
    Augmenter augmenter = augmenter(d);
    Labeled train = d.train(), test = d.test(), val = null;
    if (valSplit > 0) {
      Labeled[] tv = train.split(1 - valSplit, seed.seed + 1);
      train = tv[0];
      val = tv[1];
    }
    int in = train.features().size(1), classes = train.classes().size();
    Module model =
        this.model != null
            ? Shared.loadSpec(this.model)
            : defaultModel(in, classes, data.tabular(), new Rng(seed.seed));
    model.outputShape(
        new int[] {run.batch(), in}); // a bad spec fails here, naming the layer, not mid-epoch
    // An output layer wider than the class count would train, then fail in predict.
    Shared.checkFits(model, train, this.model != null ? this.model : "the model", true);
    transfer(out, model);
    Optimizer opt = optimizer(model, run.lr());
    CrossEntropyLoss loss = new CrossEntropyLoss().withLabelSmoothing(labelSmoothing);
    if (classWeights != null) loss = loss.withWeight(weights(classWeights, train, classes));

    out.printf(
        Locale.ROOT,
        "data %s: %d training, %d validation and %d test examples, %s, %s%n",
        data.describe(),
        train.size(),
        val == null ? 0 : val.size(),
        test.size(),
        Shared.plural(in, "feature"),
        classes + (classes == 1 ? " class" : " classes"));
    out.printf(
        Locale.ROOT,
        "optimizer %s, lr %.3g, batch %d, %s, %s%n",
        optimizer,
        run.lr(),
        run.batch(),
        Shared.plural(run.epochs(), "epoch"),
        Shared.plural(Threads.get(), "thread"));
    out.print(model.summary(run.batch(), in));

    fit(out, run, model, loss, opt, augmenter, train, val);
    Trainer.Evaluation ev = Trainer.evaluate(model, loss, test, 256);
    out.printf(
        Locale.ROOT,
        "final test accuracy %.1f%% on %s (loss %.4f)%n",
        100 * ev.confusion().accuracy(),
        Shared.plural(test.size(), "example"),
        ev.loss());
    if (confusion) out.print(ev.confusion());
    if (!Double.isFinite(ev.loss()))
      throw new IllegalStateException(
          "the test loss is "
              + ev.loss()
              + (output != null ? "; the model is not saved to " + output : "")
              + "; try a smaller learning rate or gradient clipping");
    if (output != null) {
      var info =
          new ModelArchive.Info(
              train.classes(),
              data.name(),
              d.mean() == null ? null : new ModelArchive.Standardization(d.mean(), d.std()));
      ModelArchive.save(output, model, info);
      out.println("saved the model to " + output);
    }
    return 0;
  }

  /** Loads --init's weights into the model and applies --freeze. */
  private void transfer(PrintWriter out, Module model) throws IOException {
    if (init == null && !initMap.isEmpty()) throw Shared.usage(spec, "--init-map needs --init");
    if (init != null) {
      UnaryOperator<String> names;
      try {
        names = NameMap.rules(initMap);
      } catch (IllegalArgumentException e) {
        throw Shared.usage(spec, "--init-map: " + e.getMessage());
      }
      Map<String, Tensor> weights = ModelArchive.load(init).stateDict();
      LoadResult r;
      try {
        r = StateDictLoader.load(model, weights, false, names);
      } catch (IllegalArgumentException e) {
        throw new IOException(init + ": " + e.getMessage(), e);
      }
      out.printf(
          "init %s: %s loaded%s%n",
          init,
          Shared.plural(r.loaded().size(), "tensor"),
          r.missingKeys().isEmpty()
              ? ""
              : "; left as initialised: " + String.join(", ", r.missingKeys()));
    }
    for (String f : freeze) {
      try {
        out.println("frozen: " + String.join(", ", model.freeze(f)));
      } catch (IllegalArgumentException e) {
        throw Shared.usage(spec, "--freeze: " + e.getMessage());
      }
    }
  }

  /**
   * Epochs, batch size and learning rate, defaulted by the data's kind and checked, before any data
   * is read.
   */
  private Settings settings() {
    boolean small = data.tabular();
    int ep = epochs != null ? epochs : small ? 60 : 5;
    int bs = batchSize != null ? batchSize : small ? 16 : 64;
    boolean adamLike = optimizer == Opt.adam || optimizer == Opt.adamw;
    double rate =
        lr != null ? lr : adamLike ? 1e-3 : optimizer == Opt.rmsprop ? 1e-3 : small ? 0.05 : 0.1;
    runFiles.check();
    if (ep < 1) throw Shared.usage(spec, "--epochs must be >= 1, got " + ep);
    if (bs < 1) throw Shared.usage(spec, "--batch-size must be >= 1, got " + bs);
    if (!(rate > 0)) throw Shared.usage(spec, "--lr must be > 0, got " + rate);
    if (!(divergeFactor == 0 || divergeFactor > 1))
      throw Shared.usage(spec, "--diverge-factor must be 0 (off) or > 1, got " + divergeFactor);
    if (!(valSplit >= 0 && valSplit < 1))
      throw Shared.usage(spec, "--val-split must be in [0, 1), got " + valSplit);
    if (patience != null && valSplit == 0)
      throw Shared.usage(spec, "--early-stopping needs a validation split (--val-split > 0)");
    return new Settings(ep, bs, rate);
  }

  private Augmenter augmenter(DataSets.Split d) {
    if (augment == null) return null;
    if (d.image() == null)
      throw Shared.usage(spec, "--augment needs image data (--data fashion_mnist or --images DIR)");
    return new Augmenter(augment.steps(), d.image()[0], d.image()[1], d.image()[2]);
  }

  private Optimizer optimizer(Module model, double rate) {
    return switch (optimizer) {
      case sgd ->
          new SGD(rate)
              .withMomentum(momentum)
              .withWeightDecay(weightDecay)
              .create(model.parameters());
      case adam -> new Adam(rate).withWeightDecay(weightDecay).create(model.parameters());
      case adamw -> Adam.adamW(rate).withWeightDecay(weightDecay).create(model.parameters());
      case rmsprop ->
          new RMSprop(rate)
              .withMomentum(momentum)
              .withWeightDecay(weightDecay)
              .create(model.parameters());
      case adagrad -> new Adagrad(rate).withWeightDecay(weightDecay).create(model.parameters());
    };
  }

  /**
   * The training run: schedule, early stopping, checkpoints and resumption, augmentation, progress
   * and metrics log.
   */
  private void fit(
      PrintWriter out,
      Settings run,
      Module model,
      CrossEntropyLoss loss,
      Optimizer opt,
      Augmenter augmenter,
      Labeled train,
      Labeled val)
      throws IOException {
    TrainConfig cfg = new TrainConfig(run.epochs(), run.batch(), seed.seed).withClipNorm(clipNorm);
    if (schedule != null) cfg = cfg.withSchedule(schedule.build(run.lr(), run.epochs()));
    if (patience != null) cfg = cfg.withEarlyStopping(EarlyStopping.onValidationLoss(patience));
    if (runFiles.checkpoint != null)
      cfg =
          cfg.withCheckpoint(runFiles.checkpoint, 1).withCheckpointSteps(runFiles.checkpointEvery);
    Trainer trainer =
        new Trainer(model, loss, opt, cfg).listen(new ProgressBar(out, Shared.terminal()));
    trainer.divergeAbove(divergeFactor);
    if (augmenter != null) {
      trainer.augment(augmenter);
      out.println("augmenting the training batches (not validation or test): " + augmenter.steps());
    }
    if (runFiles.resume && Checkpoint.exists(runFiles.checkpoint)) {
      Checkpoint c = Checkpoint.loadLatest(runFiles.checkpoint, out::println);
      trainer.resume(c);
      int batch = (int) (double) c.extra().getOrDefault("batch", 0.0);
      out.printf(
          Locale.ROOT,
          "resuming from %s after epoch %d%s%n",
          runFiles.checkpoint,
          c.epoch(),
          batch > 0 ? " and " + Shared.plural(batch, "step") + " of the next" : "");
    }
    try (MetricsLog log = runFiles.log()) {
      if (log != null) trainer.listen(log);
      trainer.fit(train, val);
    }
  }

  static Module defaultModel(int in, int classes, boolean small, Rng rng) {
    return small
        ? new Sequential(new Linear(in, 16, rng), new ReLU(), new Linear(16, classes, rng))
        : new Sequential(
            new Linear(in, 256, rng),
            new ReLU(),
            new Linear(256, 128, rng),
            new ReLU(),
            new Linear(128, classes, rng));
  }

  private Tensor weights(Converters.Weights w, Labeled train, int classes) {
    if (w.balanced()) return ClassWeights.balanced(train.labels(), classes);
    if (w.weights().length != classes) {
      throw Shared.usage(
          spec,
          "--class-weights: "
              + Shared.plural(w.weights().length, "weight")
              + " for "
              + classes
              + " classes");
    }
    return Tensor.of(w.weights());
  }
}
