package dev.dendrite.cli;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Iris;
import dev.dendrite.data.Labeled;
import dev.dendrite.explain.attribution.Attribution;
import dev.dendrite.explain.attribution.LimeExplanation;
import dev.dendrite.explain.attribution.LimeTabular;
import dev.dendrite.explain.attribution.ScoreFunction;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite explain predict}: why a saved classifier gives one test example its class. The
 * score explained is the softmax probability of the class; images get their top pixels and, with
 * --out, a picture; tables get a ranked table of features.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Explain one prediction: which features or pixels the class probability depends on.",
      "Methods: lime (LIME; SLIC superpixels for images), ig (Integrated Gradients), smoothgrad,"
          + " saliency (|gradient|), occlusion."
    })
final class ExplainPredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model archive.")
  Path model;

  @Option(
      names = "--index",
      defaultValue = "0",
      description = "Which test example (default: ${DEFAULT-VALUE}).")
  int index;

  @Option(
      names = "--method",
      defaultValue = "ig",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Attributions.Method method;

  @Option(
      names = "--class",
      paramLabel = "C",
      description = "The class whose probability is explained (default: the predicted one).")
  Integer target;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Features or pixels to list (LIME on tables: the surrogate's K; default 10).")
  int top;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Images: a PNG with the image, the attribution and both overlaid.")
  Path output;

  @Option(names = "--out", hidden = true)
  void out(Path p) {
    output = p;
  }

  @Mixin Attributions methods;

  @Mixin Options.SavedData data;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelArchive.Loaded a = ModelArchive.loadWithMetadata(model);
    ModelArchive.Info info = a.info();
    Module m = a.model();
    m.eval();
    Labeled test = data.test(info, out);
    if (index < 0 || index >= test.size())
      throw Shared.usage(spec, "--index must be in [0, " + test.size() + "), got " + index);
    if (top < 1) throw Shared.usage(spec, "--top must be >= 1, got " + top);
    float[] x = test.features().slice(0, index, index + 1).reshape(-1).toArray();
    int[] shape = Attributions.imageShape(test.features().shape());
    float[] p;
    try (var off = Grad.disabled()) {
      p = m.forward(Tensor.of(x, 1, x.length)).softmax(1).reshape(-1).toArray();
    }
    int pred = 0;
    for (int c = 1; c < p.length; c++) if (p[c] > p[pred]) pred = c;
    int cls = target == null ? pred : target;
    if (cls < 0 || cls >= p.length)
      throw Shared.usage(spec, "--class must be in [0, " + p.length + "), got " + cls);
    out.printf(
        Locale.ROOT,
        "test example %d (true class %s): predicted %s with probability %.3f; explaining the"
            + " probability of %s (%.3f)%n",
        index,
        name(test, test.labels()[index]),
        name(test, pred),
        p[pred],
        name(test, cls),
        p[cls]);
    ScoreFunction f = ScoreFunction.probability(m, cls);
    if (shape == null && method == Attributions.Method.lime) return limeTable(out, info, m, x, cls);
    if (output != null && shape == null)
      throw Shared.usage(spec, "--output draws images; this model takes a table of features");
    long t0 = System.nanoTime();
    Attribution attr = methods.of(method, f, x, shape, 0f, data.seed.seed);
    double secs = (System.nanoTime() - t0) / 1e9;
    if (shape == null) table(out, info, x, attr);
    else pixels(out, attr, shape, test, secs);
    if (method == Attributions.Method.ig)
      out.printf(
          Locale.ROOT,
          "completeness: the attributions sum to %.4f, f(x) − f(baseline) = %.4f − %.4f = %.4f%n",
          attr.sum(),
          attr.score(),
          f.at(new float[x.length]),
          attr.score() - f.at(new float[x.length]));
    return 0;
  }

  private void pixels(PrintWriter out, Attribution attr, int[] shape, Labeled test, double secs)
      throws IOException {
    float[] v = attr.perPixel(shape[0]);
    int[] order = new Attribution(attr.method(), v, attr.score()).ranking();
    out.printf(
        Locale.ROOT, "%s, %d × %d pixels, %.2f s%n", attr.method(), shape[1], shape[2], secs);
    out.printf(Locale.ROOT, "top %d pixels (row, column): attribution%n", Math.min(top, v.length));
    for (int i = 0; i < Math.min(top, v.length); i++) {
      int q = order[i];
      out.printf(
          Locale.ROOT, "  %2d. (%2d, %2d): %s%n", i + 1, q / shape[2], q % shape[2], num(v[q]));
    }
    if (output != null) {
      float[] x = test.features().slice(0, index, index + 1).reshape(-1).toArray();
      BufferedImage img =
          AttributionPicture.render(x, shape, v, attr.method() + ", example " + index);
      Png.write(img, output);
      out.printf(
          Locale.ROOT,
          "wrote %s: the image, the attribution (red: for the class, blue: against) and both"
              + " overlaid, %d × %d pixels%n",
          output,
          img.getWidth(),
          img.getHeight());
    }
  }

  /** Gradient methods and occlusion on a table: in the model's input units (standardised). */
  private void table(PrintWriter out, ModelArchive.Info info, float[] x, Attribution attr) {
    String[] names = featureNames(info, x.length);
    float[] raw = raw(info, x);
    float[] v = attr.values();
    String unit =
        switch (method) {
          case ig -> "Integrated Gradients from the training mean (the baseline)";
          case occlusion -> "occlusion: probability drop when set to the training mean";
          case saliency -> "|∂p/∂x| per standard deviation";
          default -> "SmoothGrad |mean ∂p/∂x| per standard deviation";
        };
    out.println(unit);
    out.printf(Locale.ROOT, "  %-4s %-16s %10s %12s%n", "rank", "feature", "value", "attribution");
    int[] order = attr.rankingByMagnitude();
    for (int i = 0; i < Math.min(top, order.length); i++) {
      int j = order[i];
      out.printf(Locale.ROOT, "  %-4d %-16s %10.3f %12s%n", i + 1, names[j], raw[j], num(v[j]));
    }
  }

  private int limeTable(PrintWriter out, ModelArchive.Info info, Module m, float[] x, int cls)
      throws IOException {
    DataSets.Split split =
        data.files.given()
            ? data.files.load(spec, data.seed.seed)
            : DataSets.load(DataSets.of(info, data.data), data.seed.seed, out);
    Tensor train = DataSets.raw(split).features();
    int n = train.size(0), d = x.length;
    float[] flat = train.toArray();
    float[][] rows = new float[n][];
    for (int r = 0; r < n; r++) rows[r] = java.util.Arrays.copyOfRange(flat, r * d, r * d + d);
    // LIME samples in the data's own units, so its bins read as measurements
    ScoreFunction f = z -> m.forward(info.prepare(z)).softmax(1).select(1, cls);
    LimeTabular lime =
        new LimeTabular(
            rows,
            featureNames(info, d),
            new LimeTabular.Options(
                true,
                methods.samples == null ? 5000 : methods.samples,
                Double.NaN,
                data.seed.seed));
    LimeExplanation e = lime.explain(f, raw(info, x), Math.min(top, d));
    out.printf(
        Locale.ROOT,
        "LIME, quartile bins of %d training rows, %d samples, kernel width 0.75·√%d; surrogate R²"
            + " %.3f, its prediction %.3f vs the model's %.3f%n",
        n,
        methods.samples == null ? 5000 : methods.samples,
        d,
        e.score(),
        e.localPrediction(),
        e.modelScore());
    out.printf(Locale.ROOT, "  %-4s %-32s %10s%n", "rank", "feature", "weight");
    for (int i = 0; i < e.features().length; i++)
      out.printf(Locale.ROOT, "  %-4d %-32s %10s%n", i + 1, e.names()[i], num(e.weights()[i]));
    return 0;
  }

  private String[] featureNames(ModelArchive.Info info, int d) {
    boolean iris =
        !data.files.given()
            && d == Iris.FEATURES.size()
            && DataSets.of(info, data.data) == DataSets.Name.iris;
    String[] names = new String[d];
    for (int j = 0; j < d; j++) names[j] = iris ? Iris.FEATURES.get(j) : "x" + (j + 1);
    return names;
  }

  /** The row in the data's own units, the archive's standardisation undone. */
  private static float[] raw(ModelArchive.Info info, float[] x) {
    ModelArchive.Standardization s = info.standardization();
    if (s == null) return x.clone();
    float[] r = new float[x.length];
    for (int j = 0; j < x.length; j++) r[j] = x[j] * s.std()[j] + s.mean()[j];
    return r;
  }

  private static String name(Labeled t, int c) {
    return t.classes() != null && c < t.classes().size() ? t.classes().get(c) : "class " + c;
  }

  static String num(double v) {
    String s = String.format(Locale.ROOT, Math.abs(v) >= 1e-3 || v == 0 ? "%.4f" : "%.3e", v);
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }
}
