package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite finetune}: a pre-trained deep belief net or autoencoder unrolled into an MLP (its
 * hidden layers, then a new softmax head), trained by backpropagation on a few labelled examples;
 * saved as an ordinary classifier that {@code predict} and {@code eval} take.
 */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description = {
      "Unroll a pre-trained DBN or autoencoder into an MLP with a softmax head and fine-tune it"
          + " on N labelled examples; reports the test accuracy.",
      "--scratch trains the same network from a random start, for comparison."
    })
final class FinetuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "A model archive written by `dendrite pretrain` (rbm, ae or dae).")
  Path model;

  @Mixin Options.SavedData data;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--labels",
      paramLabel = "N",
      description =
          "Labelled training examples to fine-tune on, drawn at random by --seed (default: all).")
  Integer labels;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the labelled examples (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int epochs;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description = "SGD learning rate (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double lr;

  @Option(
      names = "--momentum",
      paramLabel = "M",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.9")
  double momentum;

  @Option(
      names = {"--batch", "--batch-size"},
      paramLabel = "N",
      description = "Examples per step (default: ${DEFAULT-VALUE}).",
      defaultValue = "32")
  int batch;

  @Option(
      names = "--scratch",
      description = "Ignore the pre-trained weights: the same network from a random start.")
  boolean scratch;

  @Mixin Options.Run runFiles;

  @Option(names = "--output", paramLabel = "FILE", description = "Save the classifier here.")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (epochs < 1) throw Shared.usage(spec, "--epochs must be >= 1, got " + epochs);
    if (batch < 1) throw Shared.usage(spec, "--batch must be >= 1, got " + batch);
    if (!(lr > 0)) throw Shared.usage(spec, "--lr must be > 0, got " + lr);
    if (labels != null && labels < 1)
      throw Shared.usage(spec, "--labels must be >= 1, got " + labels);
    runFiles.check();
    threads.apply();
    Pretrained p = Pretrained.load(model);
    ModelArchive.Info info = p.info();
    long s = data.seed.seed;
    DataSets.Split d =
        data.files.given()
            ? data.files.load(spec, s)
            : DataSets.load(DataSets.of(info, data.data), s, out);
    Labeled raw = DataSets.raw(d);
    if (raw.features().size(1) != p.visible())
      throw new IllegalArgumentException(
          model
              + " takes "
              + p.visible()
              + " features per example, but "
              + data.describe(info)
              + " has "
              + raw.features().size(1));
    Labeled all = new Labeled(info.prepare(raw.features()), raw.labels(), raw.classes());
    Labeled train = all;
    if (labels != null && labels < all.size()) {
      int[] rows = IntStream.range(0, all.size()).toArray();
      new Rng(s + 2).shuffle(rows);
      train = all.subset(Arrays.copyOf(rows, labels));
    }
    Labeled test = DataSets.test(info, d);
    int classes = all.classes().size();
    Sequential mlp = unroll(p, classes, new Rng(s));
    out.printf(
        Locale.ROOT,
        "%s %s unrolled%s: %s labelled training examples of %d, %d test examples%n",
        p.kind(),
        model,
        scratch ? " and re-initialised (--scratch)" : "",
        String.format(Locale.ROOT, "%,d", train.size()),
        all.size(),
        test.size());
    out.printf(
        Locale.ROOT,
        "SGD lr %.3g, momentum %.2g, batch %d, %s, %s%n",
        lr,
        momentum,
        batch,
        Shared.plural(epochs, "epoch"),
        Shared.plural(Threads.get(), "thread"));
    out.print(mlp.summary(batch, p.visible()));
    CrossEntropyLoss loss = new CrossEntropyLoss();
    TrainConfig cfg = new TrainConfig(epochs, batch, s);
    if (runFiles.checkpoint != null)
      cfg =
          cfg.withCheckpoint(runFiles.checkpoint, 1).withCheckpointSteps(runFiles.checkpointEvery);
    var opt = new SGD(lr).withMomentum(momentum).create(mlp.parameters());
    Trainer trainer =
        new Trainer(mlp, loss, opt, cfg).listen(new ProgressBar(out, Shared.terminal()));
    if (runFiles.resume && Files.exists(runFiles.checkpoint)) {
      Checkpoint c = Checkpoint.load(runFiles.checkpoint);
      trainer.resume(c);
      out.printf(Locale.ROOT, "resuming from %s after epoch %d%n", runFiles.checkpoint, c.epoch());
    }
    try (MetricsLog log = runFiles.log()) {
      if (log != null) trainer.listen(log);
      trainer.fit(train, null);
    }
    Trainer.Evaluation ev = Trainer.evaluate(mlp, loss, test, 256);
    out.printf(
        Locale.ROOT,
        "test accuracy %.2f%% on %s (loss %.4f)%n",
        100 * ev.confusion().accuracy(),
        Shared.plural(test.size(), "example"),
        ev.loss());
    if (output != null) {
      ModelArchive.save(
          output,
          mlp,
          new ModelArchive.Info(all.classes(), info.dataSet(), info.standardization()));
      out.println("saved the classifier to " + output);
    }
    return 0;
  }

  /**
   * The hidden layers of {@code p} (copies of the RBMs' or encoders' weights, or fresh ones with
   * --scratch) and a new {@code Linear(code, classes)} head; the loss applies the softmax.
   */
  private Sequential unroll(Pretrained p, int classes, Rng rng) {
    Sequential mlp;
    if (p.dbn() != null) {
      mlp = p.dbn().unroll(classes, rng);
    } else if (p.ae() != null) {
      List<Module> mods = new ArrayList<>(p.ae().encoder().layers());
      mods.add(new Linear(p.codeWidth(), classes, rng));
      mlp = new Sequential(mods);
    } else {
      throw new IllegalArgumentException(
          model + " holds a VAE; finetune takes a deep belief net or an autoencoder");
    }
    if (scratch) {
      Rng fresh = new Rng(rng.nextLong());
      try (var off = Grad.disabled()) {
        for (Module m : mlp.layers())
          if (m instanceof Linear l) {
            Linear init = new Linear(l.inFeatures(), l.outFeatures(), fresh);
            l.weight().copyFrom(init.weight());
            l.bias().copyFrom(init.bias());
          }
      }
    }
    mlp.train();
    return mlp;
  }
}
