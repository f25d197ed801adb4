package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adagrad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RmsProp;
import dev.dendrite.optim.Schedules;
import dev.dendrite.optim.Sgd;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.EarlyStopping;
import dev.dendrite.train.MetricsLog;
import dev.dendrite.train.ProgressBar;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite train}: trains a network by backpropagation on a real data set and reports its
 * test accuracy. Batch GD, SGD and mini-batch GD are batch sizes N, 1 and b.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a network by backpropagation and report its test accuracy.",
        "Default: an MLP on the bundled Iris data (offline). --data fashion_mnist trains 784-256-128-10."})
final class TrainCommand implements Callable<Integer> {
  enum Opt { sgd, adam, adamw, rmsprop, adagrad }

  @Option(names = "--data", description = "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, bundled).", defaultValue = "iris")
  DataSets.Name data;

  @Option(names = "--csv", description = "Train on a labelled CSV file instead (header line, numeric features); see --label.")
  Path csv;

  @Option(names = "--images", description = "Train on a folder of PNG/JPEG images, one sub-folder per class (DIR/train and DIR/test if present).")
  Path images;

  @Option(names = "--image-size", description = "Resize --images to HxW (default: the size of the first image).")
  String imageSize;

  @Option(names = "--rgb", description = "Read --images in colour (3 channels) instead of grayscale.")
  boolean rgb;

  @Option(names = "--augment", description = "Augment training batches, e.g. flip,crop:4,rotate:10,translate:2,noise:0.05,cutout:8.")
  String augment;

  @Option(names = "--normalize", description = "Normalise each image channel to mean 0, std 1 with the training images' statistics.")
  boolean normalize;

  @Option(names = "--label", description = "The label column of --csv (default: ${DEFAULT-VALUE}).", defaultValue = "label")
  String label;

  @Option(names = "--model", description = "A model spec (JSON), e.g. examples/specs/mlp-fashion.json (default: a built-in MLP).")
  Path spec;

  @Option(names = "--optimizer", description = "${COMPLETION-CANDIDATES} (default: sgd with momentum 0.9).", defaultValue = "sgd")
  Opt optimizer;

  @Option(names = "--lr", description = "Learning rate (default: 0.05 for iris, 0.1 for fashion_mnist; 0.001 for Adam-type).")
  Double lr;

  @Option(names = "--momentum", description = "SGD/RMSprop momentum (default: ${DEFAULT-VALUE}).", defaultValue = "0.9")
  double momentum;

  @Option(names = "--weight-decay", description = "Weight decay (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  double weightDecay;

  @Option(names = "--epochs", description = "Passes over the training data (default: 60 for iris, 5 for fashion_mnist).")
  Integer epochs;

  @Option(names = "--batch-size", description = "Examples per step; 1 is SGD, the whole set is batch GD (default: 16 / 64).")
  Integer batchSize;

  @Option(names = "--seed", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--threads", description = "Threads for the kernels (default: all cores).")
  Integer threads;

  @Option(names = "--schedule", description = "Learning rate per epoch: cosine (to 0 over the run), step:N:GAMMA (×GAMMA every N epochs) "
      + "or exp:GAMMA (×GAMMA every epoch); default: constant.")
  String schedule;

  @Option(names = "--label-smoothing", description = "Cross-entropy label smoothing ε (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  double labelSmoothing;

  @Option(names = "--class-weights", description = "'balanced' (n / (classes·count)) or one weight per class, comma-separated.")
  String classWeights;

  @Option(names = "--clip-norm", description = "Clip the gradient norm to this (default: no clipping).", defaultValue = "0")
  double clipNorm;

  @Option(names = "--val-split", description = "Fraction of the training data held out for validation (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double valSplit;

  @Option(names = "--early-stopping", description = "Stop when the validation loss has not improved for N epochs; keep the best weights.")
  Integer patience;

  @Option(names = "--output", description = "Save the trained model here (.dnd: safetensors with the spec).")
  Path output;

  @Option(names = "--checkpoint", description = "Checkpoint file, rewritten atomically after every epoch.")
  Path checkpoint;

  @Option(names = "--resume", description = "Continue from --checkpoint if it exists.")
  boolean resume;

  @Option(names = "--metrics-log", description = "Append one JSON object per epoch (and per --log-every steps) to this file.")
  Path metricsLog;

  @Option(names = "--log-every", description = "Also log the loss every N steps (default: ${DEFAULT-VALUE}, epochs only).", defaultValue = "0")
  int logEvery;

  @Option(names = "--confusion", description = "Print the test confusion matrix and per-class precision, recall, F1.")
  boolean confusion;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (threads != null) Threads.set(threads);
    boolean iris = (data == DataSets.Name.iris && images == null) || csv != null; // small tabular defaults
    int ep = epochs != null ? epochs : iris ? 60 : 5;
    int bs = batchSize != null ? batchSize : iris ? 16 : 64;
    boolean adamLike = optimizer == Opt.adam || optimizer == Opt.adamw;
    double rate = lr != null ? lr : adamLike ? 1e-3 : optimizer == Opt.rmsprop ? 1e-3 : iris ? 0.05 : 0.1;
    if (resume && checkpoint == null) throw new IllegalArgumentException("--resume needs --checkpoint");
    if (ep < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + ep);
    if (bs < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + bs);
    if (!(rate > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + rate);
    if (!(valSplit >= 0 && valSplit < 1)) throw new IllegalArgumentException("--val-split must be in [0, 1), got " + valSplit);

    int[] size = imageSize == null ? new int[] {0, 0} : ConvSizeCommand.pair("--image-size", imageSize);
    DataSets.Split d = images != null ? DataSets.images(images, rgb, size[0], size[1], seed)
        : csv != null ? DataSets.csv(csv, label, seed) : DataSets.load(data, seed);
    if (normalize) d = DataSets.normalized(d);
    Augmenter augmenter = null;
    if (augment != null) {
      if (d.image() == null) throw new IllegalArgumentException("--augment needs image data (--data fashion_mnist or --images DIR)");
      try {
        augmenter = Augmenter.parse(augment, d.image()[0], d.image()[1], d.image()[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--augment: " + e.getMessage(), e);
      }
    }
    Labeled train = d.train(), test = d.test(), val = null;
    if (valSplit > 0) {
      Labeled[] tv = train.split(1 - valSplit, seed + 1);
      train = tv[0];
      val = tv[1];
    } else if (patience != null) {
      throw new IllegalArgumentException("--early-stopping needs a validation split (--val-split > 0)");
    }
    int in = train.features().size(1), classes = train.classes().size();
    Module model = spec != null ? loadSpec(spec) : defaultModel(in, classes, iris, new Rng(seed));
    model.outputShape(new int[] {bs, in}); // a bad spec fails here, naming the layer, not mid-epoch
    Optimizer opt = switch (optimizer) {
      case sgd -> new Sgd(rate).withMomentum(momentum).withWeightDecay(weightDecay).create(model.parameters());
      case adam -> new Adam(rate).withWeightDecay(weightDecay).create(model.parameters());
      case adamw -> Adam.adamW(rate).withWeightDecay(weightDecay).create(model.parameters());
      case rmsprop -> new RmsProp(rate).withMomentum(momentum).withWeightDecay(weightDecay).create(model.parameters());
      case adagrad -> new Adagrad(rate).withWeightDecay(weightDecay).create(model.parameters());
    };
    CrossEntropyLoss loss = new CrossEntropyLoss().withLabelSmoothing(labelSmoothing);
    if (classWeights != null) loss = loss.withWeight(weights(classWeights, train, classes));

    out.printf(Locale.ROOT, "data %s: %d training, %d validation and %d test examples, %d features, %d classes%n",
        images != null ? images : csv != null ? csv : data, train.size(),
        val == null ? 0 : val.size(), test.size(), in, classes);
    out.printf(Locale.ROOT, "optimizer %s, lr %.3g, batch %d, %d epochs, %d threads%n", optimizer, rate, bs, ep, Threads.get());
    out.print(model.summary(bs, in));

    TrainConfig cfg = new TrainConfig(ep, bs, seed).withClipNorm(clipNorm);
    if (schedule != null) cfg = cfg.withSchedule(schedule(schedule, rate, ep));
    if (patience != null) cfg = cfg.withEarlyStopping(EarlyStopping.onValidationLoss(patience));
    if (checkpoint != null) cfg = cfg.withCheckpoint(checkpoint, 1);
    Trainer trainer = new Trainer(model, loss, opt, cfg).listen(new ProgressBar(out, System.console() != null));
    if (augmenter != null) {
      trainer.augment(augmenter);
      out.println("augmenting the training batches (not validation or test): " + augmenter.steps());
    }
    if (resume && Files.exists(checkpoint)) {
      Checkpoint c = Checkpoint.load(checkpoint);
      trainer.resume(c);
      out.printf(Locale.ROOT, "resuming from %s after epoch %d%n", checkpoint, c.epoch());
    }
    MetricsLog log = metricsLog != null ? new MetricsLog(metricsLog, logEvery) : null;
    if (log != null) trainer.listen(log);
    try {
      trainer.fit(train, val);
    } finally {
      if (log != null) log.close();
    }
    Trainer.Evaluation ev = Trainer.evaluate(model, loss, test, 256);
    out.printf(Locale.ROOT, "final test accuracy %.1f%% on %d examples (loss %.4f)%n", 100 * ev.confusion().accuracy(), test.size(), ev.loss());
    if (confusion) out.print(ev.confusion());
    if (output != null) {
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("dendrite.classes", Json.write(train.classes()));
      if (csv == null && images == null) meta.put("dendrite.data", data.name());
      if (d.mean() != null) {
        meta.put("dendrite.standardize", Json.write(Map.of("mean", floats(d.mean()), "std", floats(d.std()))));
      }
      ModelArchive.save(output, model, meta);
      out.println("saved the model to " + output);
    }
    return 0;
  }

  static List<Double> floats(float[] f) {
    Double[] d = new Double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = (double) f[i];
    return List.of(d);
  }

  static Module loadSpec(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    if (Files.size(file) > 16 << 20) throw new IOException(file + ": larger than 16 MiB; not a model spec");
    try {
      return ModelSpec.parse(Files.readString(file), new Rng(0));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  static Module defaultModel(int in, int classes, boolean small, Rng rng) {
    return small ? new Sequential(new Linear(in, 16, rng), new ReLU(), new Linear(16, classes, rng))
        : new Sequential(new Linear(in, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(), new Linear(128, classes, rng));
  }

  private static Tensor weights(String spec, Labeled train, int classes) {
    if (spec.equals("balanced")) return dev.dendrite.data.ClassWeights.balanced(train.labels(), classes);
    float[] w = new float[classes];
    String[] parts = spec.split(",");
    if (parts.length != classes) throw new IllegalArgumentException("--class-weights: " + parts.length + " weights for " + classes + " classes");
    for (int c = 0; c < classes; c++) {
      try {
        w[c] = Float.parseFloat(parts[c].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--class-weights: " + parts[c] + " is not a number");
      }
    }
    return Tensor.of(w);
  }

  /** Parses --schedule: cosine, step:N:GAMMA or exp:GAMMA, starting from {@code base}. */
  static Schedules.Schedule schedule(String text, double base, int epochs) {
    String[] f = text.trim().toLowerCase(Locale.ROOT).split(":");
    try {
      return switch (f[0]) {
        case "cosine" -> {
          if (f.length != 1) throw new NumberFormatException();
          yield Schedules.cosine(base, epochs, 0);
        }
        case "step" -> {
          if (f.length != 3) throw new NumberFormatException();
          yield Schedules.step(base, Integer.parseInt(f[1]), Double.parseDouble(f[2]));
        }
        case "exp" -> {
          if (f.length != 2) throw new NumberFormatException();
          yield Schedules.exponential(base, Double.parseDouble(f[1]));
        }
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--schedule: expected cosine, step:N:GAMMA or exp:GAMMA, got '" + text + "'");
    }
  }
}
