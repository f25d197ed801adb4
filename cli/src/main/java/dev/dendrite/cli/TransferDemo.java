package dev.dendrite.cli;

import dev.dendrite.data.FashionMnist;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.TransferExperiment;
import dev.dendrite.train.TransferExperiment.Arm;
import dev.dendrite.train.TransferExperiment.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dendrite demo transfer}: frozen features vs fine-tuning vs scratch on few labels. */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    description = {
      "A CNN trained on Fashion-MNIST classes 0-4 is transferred to classes 5-9 from a few labelled"
          + " images per class:",
      "frozen features + a new head, fine-tuning everything, and training from scratch, over"
          + " several seeds."
    })
final class TransferDemo implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Seeds (labelled draws) per arm (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--per-class",
      defaultValue = "100",
      description = "Labelled target images per class (default: ${DEFAULT-VALUE}).")
  int perClass;

  @Option(
      names = "--source-images",
      defaultValue = "30000",
      description = "Source images (classes 0-4) used to pre-train (default: ${DEFAULT-VALUE}).")
  int sourceImages;

  @Option(
      names = "--source-epochs",
      defaultValue = "2",
      description = "Epochs on the source task (default: ${DEFAULT-VALUE}).")
  int sourceEpochs;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Epochs on the target task, every arm (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "0.003",
      description = "Adam's rate for heads and the scratch network (default: ${DEFAULT-VALUE}).")
  double lr;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    TransferExperiment.Config cfg;
    try {
      cfg = new TransferExperiment.Config(sourceImages, sourceEpochs, perClass, epochs, lr, seeds);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, e.getMessage());
    }
    long t0 = System.nanoTime();
    var r =
        TransferExperiment.run(
            FashionMnist.load(true),
            FashionMnist.load(false),
            cfg,
            s -> {
              out.println(s);
              out.flush();
            });
    out.printf(
        Locale.ROOT,
        "%nsource CNN: %.2f%% on the 5,000 test images of classes 0-4%n",
        100 * r.sourceAccuracy());
    out.printf(
        Locale.ROOT,
        "target: classes 5-9, %d labelled images per class, %s; accuracy on their 5,000 test"
            + " images%n%n",
        perClass,
        Shared.plural(seeds, "seed"));
    out.printf(Locale.ROOT, "| %-37s | %-15s | %s |%n", "arm", "accuracy (%)", "per seed");
    out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(39), "-".repeat(17), "-".repeat(10));
    for (Arm arm : Arm.values()) {
      List<Run> runs = r.runs().stream().filter(x -> x.arm() == arm).toList();
      double mean = runs.stream().mapToDouble(Run::accuracy).average().orElse(0) * 100;
      double var =
          runs.stream().mapToDouble(x -> Math.pow(100 * x.accuracy() - mean, 2)).sum()
              / Math.max(1, runs.size() - 1);
      StringBuilder per = new StringBuilder();
      for (Run x : runs) per.append(String.format(Locale.ROOT, "%.1f ", 100 * x.accuracy()));
      out.printf(
          Locale.ROOT, "| %-37s | %6.2f ± %-6.2f | %s|%n", arm.label(), mean, Math.sqrt(var), per);
    }
    out.printf(
        Locale.ROOT,
        "%n%.0f s on %s (std: sample standard deviation over seeds)%n",
        (System.nanoTime() - t0) / 1e9,
        Shared.plural(Threads.get(), "thread"));
    return 0;
  }
}
