package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.explain.attribution.Attribution;
import dev.dendrite.explain.attribution.DeletionCurve;
import dev.dendrite.explain.attribution.ScoreFunction;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite explain deletion}: how faithful each attribution method is on an image model. For
 * each of the first N test images, pixels are removed (set to 0) in the order of the method's
 * attribution for the predicted class, and the area under the probability curve is compared with
 * that of random orders. Smaller is more faithful.
 */
@Command(
    name = "deletion",
    mixinStandardHelpOptions = true,
    description = {
      "Faithfulness of the attribution methods: the deletion curve's area (remove pixels in"
          + " attribution order, watch the class probability fall), against random orders."
    })
final class ExplainDeletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model archive.")
  Path model;

  @Option(
      names = "--count",
      defaultValue = "20",
      description = "How many test images, from the first (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--method", split = ",", description = "Methods to compare (default: all).")
  List<Attributions.Method> list;

  @Option(
      names = "--points",
      defaultValue = "28",
      description = "Points on each curve after the start (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--random",
      defaultValue = "5",
      description = "Random orders averaged per image (default: ${DEFAULT-VALUE}).")
  int randoms;

  @Mixin Attributions methods;

  @Mixin Options.SavedData data;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    Module m = a.model();
    m.eval();
    Labeled test = data.test(a.info(), out);
    int[] shape = Attributions.imageShape(test.features().shape());
    if (shape == null)
      throw Shared.usage(spec, "the deletion curve removes pixels; this model takes a table");
    if (images < 1 || images > test.size())
      throw Shared.usage(spec, "--count must be in [1, " + test.size() + "], got " + images);
    if (points < 1) throw Shared.usage(spec, "--points must be >= 1, got " + points);
    List<Attributions.Method> which =
        list == null || list.isEmpty() ? List.of(Attributions.Method.values()) : list;
    int d = test.features().numel() / test.size();
    double[] auc = new double[which.size()], secs = new double[which.size()];
    double randomAuc = 0, start = 0;
    List<double[]> perImage = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      float[] x = test.features().slice(0, i, i + 1).reshape(-1).toArray();
      int cls;
      try (var off = Grad.disabled()) {
        cls = (int) m.forward(Tensor.of(x, 1, d)).argmax().item();
      }
      ScoreFunction f = ScoreFunction.probability(m, cls);
      DeletionCurve r = DeletionCurve.random(f, x, shape, points, 0f, randoms, data.seed.seed + i);
      randomAuc += r.auc() / images;
      start += r.scores()[0] / images;
      double[] row = new double[which.size() + 1];
      row[which.size()] = r.auc();
      for (int k = 0; k < which.size(); k++) {
        long t0 = System.nanoTime();
        Attribution at = methods.of(which.get(k), f, x, shape, 0f, data.seed.seed + i);
        secs[k] += (System.nanoTime() - t0) / 1e9 / images;
        int[] order = DeletionCurve.order(at, shape[0]);
        row[k] = DeletionCurve.of(f, x, shape, order, points, 0f).auc();
        auc[k] += row[k] / images;
      }
      perImage.add(row);
    }
    out.printf(
        Locale.ROOT,
        "deletion curves on test images 0..%d (predicted class, pixels set to 0, %d points);"
            + " mean probability before deletion %.3f%n",
        images - 1,
        points,
        start);
    out.printf(
        Locale.ROOT,
        "  %-12s %10s %12s %14s %12s%n",
        "method",
        "AUC",
        "AUC/random",
        "beats random",
        "s per image");
    for (int k = 0; k < which.size(); k++) {
      // per image, against that image's own random orders
      int wins = 0;
      for (double[] row : perImage) if (row[k] < row[which.size()]) wins++;
      out.printf(
          Locale.ROOT,
          "  %-12s %10.4f %12.3f %10d/%-3d %12.3f%n",
          which.get(k),
          auc[k],
          auc[k] / randomAuc,
          wins,
          images,
          secs[k]);
    }
    out.printf(
        Locale.ROOT,
        "  %-12s %10.4f %12.3f %14s %12s%n",
        "random",
        randomAuc,
        1.0,
        "",
        "(" + randoms + " orders)");
    return 0;
  }
}
