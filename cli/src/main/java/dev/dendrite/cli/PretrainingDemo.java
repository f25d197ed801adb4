package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.PretrainingExperiment;
import dev.dendrite.unsupervised.PretrainingExperiment.Arm;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite demo pretraining}: random, DBN and stacked-denoising-autoencoder initialisation
 * of the same sigmoid MLP, fine-tuned on a few Fashion-MNIST labels, over several seeds.
 */
@Command(
    name = "pretraining",
    mixinStandardHelpOptions = true,
    description = {
      "Does unsupervised pre-training help with few labels? The same sigmoid MLP on Fashion-MNIST,"
          + " initialised",
      "at random (PyTorch's default, Xavier), from stacked RBMs (a DBN) or from stacked denoising"
          + " autoencoders",
      "pre-trained on the unlabelled images, then fine-tuned alike on a small labelled subset."
    })
final class PretrainingDemo implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "N[,N...]",
      defaultValue = "600,2000",
      description = "Labelled subset sizes (default: ${DEFAULT-VALUE}).")
  int[] labels;

  @Option(
      names = "--hidden",
      split = ",",
      paramLabel = "N[,N...]",
      defaultValue = "500,250",
      description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(
      names = "--arms",
      split = ",",
      paramLabel = "ARM[,ARM...]",
      defaultValue = "pytorch,xavier,dbn,sdae",
      description = "Initialisations to compare (default: ${DEFAULT-VALUE}).")
  List<String> arms;

  @Option(
      names = "--unlabelled",
      paramLabel = "N",
      defaultValue = "20000",
      description =
          "Pre-train on at most N unlabelled images, 0 for all (default: ${DEFAULT-VALUE}).")
  int unlabelled;

  @Option(
      names = "--pretrain-on-all",
      description =
          "Pre-train on every training image (labels unused), not only on those outside the"
              + " labelled subsets.")
  boolean pretrainOnAll;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "5",
      description = "Seeds, --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--pretrain-epochs",
      paramLabel = "N",
      defaultValue = "5",
      description = "Pre-training epochs per layer (default: ${DEFAULT-VALUE}).")
  int pretrainEpochs;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "30",
      description = "Fine-tuning epochs, the same for every arm (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "0.001",
      description = "Fine-tuning Adam learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "32",
      description = "Fine-tuning batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--per-epoch",
      description =
          "Print the test accuracy after every fine-tuning epoch (to read off how many epochs a"
              + " target takes; selects nothing).")
  boolean perEpoch;

  @Option(names = "--json", description = "Print one JSON line per run and per table cell.")
  boolean json;

  @Mixin Options.Seed seed;
  @Mixin Options.ThreadCount threads;

  @Override
  public Integer call() throws IOException {
    threads.apply();
    PretrainingExperiment.Config cfg;
    try {
      List<Arm> chosen = new ArrayList<>();
      for (String a : arms) chosen.add(Arm.of(a.trim()));
      cfg =
          PretrainingExperiment.Config.defaults()
              .withHidden(hidden)
              .withLabels(labels)
              .withUnlabelled(unlabelled, pretrainOnAll)
              .withArms(chosen)
              .withSeeds(seeds, seed.seed)
              .withEpochs(pretrainEpochs, epochs)
              .withFineTuning(batch, lr)
              .withTraceTest(perEpoch);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Labeled train = DataSets.fashionMnist(true, out), test = DataSets.fashionMnist(false, out);
    int largest = Arrays.stream(labels).max().orElseThrow();
    if (largest > train.size())
      throw Shared.usage(
          spec, "--labels: at most " + train.size() + " training images, got " + largest);
    int[] sizes = cfg.sizes(train.features().size(1), train.classes().size());
    out.printf(
        Locale.ROOT,
        "network %s, sigmoid hidden units; fine-tuning: Adam lr %s, batch %d, %s on each labelled"
            + " subset;%npre-training: %s per layer, batch %d; %s%n",
        Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining("-")),
        lr,
        batch,
        Shared.plural(epochs, "epoch"),
        Shared.plural(pretrainEpochs, "epoch"),
        cfg.pretrainBatch(),
        Shared.plural(seeds, "seed"));
    out.flush();
    boolean tty = Shared.terminal();
    int total = seeds * labels.length * cfg.arms().size();
    ProgressBar bar = new ProgressBar(out, tty);
    List<PretrainingExperiment.Run> runs =
        PretrainingExperiment.run(
            train,
            test,
            cfg,
            new PretrainingExperiment.Progress() {
              int done;

              @Override
              public void stage(String what) {
                if (what.contains("pre-training")) {
                  out.println(what);
                  out.flush();
                }
              }

              @Override
              public List<TrainListener> pretraining() {
                return List.of(bar);
              }

              @Override
              public List<TrainListener> fineTuning() {
                return tty || perEpoch ? List.of(bar) : List.of();
              }

              @Override
              public void finished(PretrainingExperiment.Run r) {
                done++;
                if (json) out.println(r.json());
                else
                  out.printf(
                      Locale.ROOT,
                      "[%d/%d] seed %d, %,d labels, %s: test accuracy %.2f%% (%.1f s)%n",
                      done,
                      total,
                      r.seed(),
                      r.labels(),
                      r.arm().label(),
                      100 * r.testAccuracy(),
                      r.seconds());
                out.flush();
              }
            });
    List<PretrainingExperiment.Cell> cells = PretrainingExperiment.summarise(runs, cfg);
    out.println();
    out.printf(
        Locale.ROOT,
        "Fashion-MNIST test accuracy (%%, %,d images), mean ± std over %s:%n",
        test.size(),
        Shared.plural(seeds, "seed"));
    out.print(PretrainingExperiment.table(cells, cfg));
    if (json) for (var c : cells) out.println(c.json());
    out.flush();
    return 0;
  }
}
