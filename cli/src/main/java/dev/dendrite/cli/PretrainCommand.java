package dev.dendrite.cli;

import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.BCELoss;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.nn.loss.MSELoss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.callbacks.MetricsLog;
import dev.dendrite.train.callbacks.ProgressBar;
import dev.dendrite.unsupervised.Autoencoder;
import dev.dendrite.unsupervised.ContrastiveDivergence;
import dev.dendrite.unsupervised.Corruption;
import dev.dendrite.unsupervised.DeepBeliefNet;
import dev.dendrite.unsupervised.RBM;
import dev.dendrite.unsupervised.StackedAutoencoder;
import dev.dendrite.unsupervised.VariationalAutoencoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite pretrain}: unsupervised greedy layer-wise pre-training of a deep belief net
 * (RBMs), a stack of autoencoders (plain or denoising), or a variational autoencoder, saved as a
 * model archive for {@code finetune}, {@code sample} and the {@code plot} pictures.
 */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    description = {
      "Pre-train a deep belief net (RBMs), stacked (denoising) autoencoders or a VAE,"
          + " unsupervised.",
      "Layer by layer: each layer learns from the codes of the trained one below it."
    })
final class PretrainCommand implements Callable<Integer> {
  enum Method {
    rbm,
    ae,
    dae,
    vae
  }

  enum Units {
    bernoulli,
    gaussian
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "NAME",
      description = "Data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "fashion_mnist")
  DataSets.Name data;

  @Mixin Options.FileSource files;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--layers",
      paramLabel = "SIZES",
      required = true,
      description =
          "Layer widths, data first, e.g. 784-500-250 (RBMs 784→500, 500→250); for vae"
              + " visible-hidden-latent, e.g. 784-400-20.")
  String layers;

  @Option(
      names = "--method",
      paramLabel = "KIND",
      description =
          "${COMPLETION-CANDIDATES}: RBMs by contrastive divergence, autoencoders, denoising"
              + " autoencoders, a variational autoencoder (default: ${DEFAULT-VALUE}).",
      defaultValue = "rbm")
  Method method;

  @Option(
      names = "--visible",
      paramLabel = "UNITS",
      description =
          "The first RBM's visible units: ${COMPLETION-CANDIDATES}; gaussian standardises the"
              + " data (default: ${DEFAULT-VALUE}).",
      defaultValue = "bernoulli")
  Units visible;

  @Option(
      names = "--cd-k",
      paramLabel = "K",
      description = "Gibbs steps of contrastive divergence, CD-k (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int cdK;

  @Option(
      names = "--pcd",
      description = "Persistent contrastive divergence: the chain goes on between updates.")
  boolean pcd;

  @Option(
      names = "--momentum",
      paramLabel = "M",
      description = "Momentum of the RBMs' updates (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.5")
  double momentum;

  @Option(
      names = "--weight-decay",
      paramLabel = "W",
      description = "L2 penalty on the RBMs' weights (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.0001")
  double weightDecay;

  @Option(
      names = "--noise",
      paramLabel = "P",
      description =
          "dae: the fraction of inputs masked to 0 in each training batch (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "0.3")
  double noise;

  @Option(
      names = "--hidden",
      paramLabel = "ACT",
      description =
          "ae, dae: the codes' activation, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE});"
              + " the output stays a sigmoid; relu trains on squared error, sigmoid on binary"
              + " cross-entropy.",
      defaultValue = "sigmoid")
  Hidden hidden;

  enum Hidden {
    sigmoid,
    relu
  }

  @Option(names = "--tied", description = "ae, dae: decoders use their encoders' weights.")
  boolean tied;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description = "Learning rate (default: 0.05 for rbm, 0.001 (Adam) for ae, dae, vae).")
  Double lr;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs per layer (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int epochs;

  @Option(
      names = {"--batch", "--batch-size"},
      paramLabel = "N",
      description = "Examples per update (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int batch;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Train on the first N training examples only (default: all).")
  Integer limit;

  @Option(
      names = "--val-split",
      paramLabel = "FRACTION",
      description =
          "Fraction of the training data held out for the per-epoch metrics (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "0.1")
  double valSplit;

  @Option(
      names = "--metrics-log",
      paramLabel = "FILE",
      description =
          "Append one JSON object per epoch and layer: reconstruction error, free energy and"
              + " pseudo-likelihood (rbm) or reconstruction loss (ae, dae, vae).")
  Path metricsLog;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      required = true,
      description = "Save the pre-trained model here (.dnd).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    int[] sizes = sizes();
    double rate = lr != null ? lr : method == Method.rbm ? 0.05 : 1e-3;
    check(rate);
    DataSets.Split d =
        files.given() ? files.load(spec, seed.seed) : DataSets.load(data, seed.seed, out);
    String source = files.given() ? files.describe() : data.toString();
    Labeled all = DataSets.raw(d);
    if (limit != null && limit < all.size())
      all = all.subset(java.util.stream.IntStream.range(0, limit).toArray());
    int width = all.features().size(1);
    if (width != sizes[0])
      throw new IllegalArgumentException(
          "--layers "
              + layers
              + " starts with "
              + sizes[0]
              + " inputs, but "
              + source
              + " has "
              + width
              + " features per example; start the list with "
              + width);
    ModelArchive.Standardization std = null;
    Tensor x = all.features();
    if (visible == Units.gaussian) {
      std = Pretrained.standardization(x);
      x = std.apply(x);
    } else {
      x = unitInterval(x, source);
    }
    Tensor xv = null;
    if (valSplit > 0) {
      int[] perm = java.util.stream.IntStream.range(0, x.size(0)).toArray();
      new Rng(seed.seed + 1).shuffle(perm);
      int nv = (int) Math.round(valSplit * x.size(0));
      if (nv < 1 || nv >= x.size(0))
        throw Shared.usage(spec, "--val-split " + valSplit + " leaves no training or validation");
      Tensor idx = DataLoader.indexTensor(perm);
      xv = x.indexSelect(0, idx.slice(0, 0, nv));
      x = x.indexSelect(0, idx.slice(0, nv, perm.length));
    }
    out.printf(
        Locale.ROOT,
        "data %s: %d training and %d validation examples of %s%s%n",
        source,
        x.size(0),
        xv == null ? 0 : xv.size(0),
        Shared.plural(width, "feature"),
        std == null ? ", in [0, 1]" : ", standardised per feature");
    out.printf(
        Locale.ROOT,
        "%s, layers %s, lr %.3g, batch %d, %s per layer, %s%n",
        describeMethod(),
        layers,
        rate,
        batch,
        Shared.plural(epochs, "epoch"),
        Shared.plural(Threads.get(), "thread"));

    TrainConfig cfg = new TrainConfig(epochs, batch, seed.seed);
    Module saved;
    try (MetricsLog log = metricsLog == null ? null : new MetricsLog(metricsLog, 0)) {
      List<TrainListener> listeners = new ArrayList<>();
      listeners.add(new LayerAnnouncer(out, log, method == Method.vae ? 1 : sizes.length - 1));
      listeners.add(new ProgressBar(out, Shared.terminal()));
      if (log != null) listeners.add(log);
      TrainListener[] ls = listeners.toArray(TrainListener[]::new);
      Rng rng = new Rng(seed.seed);
      saved =
          switch (method) {
            case rbm -> {
              List<RBM> rbms = new ArrayList<>();
              for (int i = 0; i + 1 < sizes.length; i++)
                rbms.add(
                    new RBM(
                        sizes[i],
                        sizes[i + 1],
                        rng,
                        i == 0 && visible == Units.gaussian
                            ? RBM.Visible.GAUSSIAN
                            : RBM.Visible.BERNOULLI));
              DeepBeliefNet dbn = new DeepBeliefNet(rbms);
              var cd = new ContrastiveDivergence.Config(cdK, pcd, rate, momentum, weightDecay);
              dbn.pretrain(x, xv, cd, cfg, ls);
              yield dbn.asModule();
            }
            case ae, dae -> {
              var act =
                  hidden == Hidden.relu ? Autoencoder.Hidden.RELU : Autoencoder.Hidden.SIGMOID;
              var stack = new StackedAutoencoder(sizes, act, tied, rng);
              Corruption c = method == Method.dae ? Corruption.masking(noise) : null;
              // A ReLU layer's codes are not probabilities, and the next layer reconstructs them:
              // binary cross-entropy is defined only for targets in [0, 1].
              Loss loss = hidden == Hidden.relu ? new MSELoss() : new BCELoss();
              stack.pretrain(x, xv, loss, p -> new Adam(rate).create(p), c, cfg, ls);
              yield stack.toAutoencoder();
            }
            case vae -> {
              var vae =
                  new VariationalAutoencoder(
                      sizes[0], sizes[1], sizes[2], Autoencoder.Hidden.RELU, rng);
              Trainer t = new Trainer(vae, cfg);
              for (TrainListener l : ls) t.listen(l);
              if (xv != null) t.validate(vae.validation(xv, seed.seed));
              var step =
                  new VariationalAutoencoder.Step(
                      vae, new Adam(rate).create(vae.parameters()), new Rng(seed.seed + 1));
              t.fit(Pretrained.loader(x, cfg), step);
              yield vae;
            }
          };
    }
    var info = new ModelArchive.Info(all.classes(), files.given() ? null : data.name(), std);
    ModelArchive.save(output, saved, info);
    out.println("saved the " + describe(saved) + " to " + output);
    return 0;
  }

  private static String describe(Module m) {
    if (m instanceof Autoencoder a) return "autoencoder " + Arrays.toString(a.sizes());
    if (m instanceof VariationalAutoencoder v) return v.toString();
    return "deep belief net " + Arrays.toString(DeepBeliefNet.from(m).sizes());
  }

  private String describeMethod() {
    return switch (method) {
      case rbm ->
          (pcd ? "PCD-" : "CD-")
              + cdK
              + " RBMs ("
              + visible
              + " visible units), momentum "
              + momentum
              + ", weight decay "
              + weightDecay;
      case ae -> hidden + " autoencoders" + (tied ? ", tied" : "") + ", Adam";
      case dae ->
          "denoising "
              + hidden
              + " autoencoders, "
              + Math.round(100 * noise)
              + " % of inputs masked"
              + (tied ? ", tied" : "")
              + ", Adam";
      case vae -> "a variational autoencoder, Adam";
    };
  }

  private int[] sizes() {
    int[] s;
    try {
      s = Arrays.stream(layers.split("-", -1)).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    } catch (NumberFormatException e) {
      throw Shared.usage(spec, "--layers: expected widths such as 784-500-250, got " + layers);
    }
    if (s.length < 2 || Arrays.stream(s).anyMatch(v -> v < 1))
      throw Shared.usage(
          spec, "--layers: expected at least two widths >= 1, such as 784-500, got " + layers);
    if (method == Method.vae && s.length != 3)
      throw Shared.usage(
          spec, "--layers: a vae takes visible-hidden-latent, such as 784-400-20, got " + layers);
    return s;
  }

  private void check(double rate) {
    if (epochs < 1) throw Shared.usage(spec, "--epochs must be >= 1, got " + epochs);
    if (batch < 1) throw Shared.usage(spec, "--batch must be >= 1, got " + batch);
    if (!(rate > 0)) throw Shared.usage(spec, "--lr must be > 0, got " + rate);
    if (cdK < 1) throw Shared.usage(spec, "--cd-k must be >= 1, got " + cdK);
    if (!(momentum >= 0 && momentum < 1))
      throw Shared.usage(spec, "--momentum must be in [0, 1), got " + momentum);
    if (!(weightDecay >= 0))
      throw Shared.usage(spec, "--weight-decay must be >= 0, got " + weightDecay);
    if (!(noise >= 0 && noise < 1))
      throw Shared.usage(spec, "--noise must be in [0, 1), got " + noise);
    if (!(valSplit >= 0 && valSplit < 1))
      throw Shared.usage(spec, "--val-split must be in [0, 1), got " + valSplit);
    if (limit != null && limit < 2) throw Shared.usage(spec, "--limit must be >= 2, got " + limit);
    if (visible == Units.gaussian && method != Method.rbm)
      throw Shared.usage(
          spec, "--visible gaussian is for rbm; ae, dae and vae reconstruct data in [0, 1]");
  }

  /**
   * Bernoulli units and sigmoid reconstructions are probabilities: the data must be too. Images
   * come back from their stored standardisation with float round-off, which is clamped away.
   */
  private Tensor unitInterval(Tensor x, String source) {
    float lo = x.min().item(), hi = x.max().item();
    if (lo >= -1e-5f && hi <= 1 + 1e-5f) return lo >= 0 && hi <= 1 ? x : x.clamp(0, 1);
    String fix =
        method == Method.rbm
            ? "scale it to [0, 1] (divide by the maximum, or min-max scale each column), or use"
                + " --visible gaussian"
            : "scale it to [0, 1] (divide by the maximum, or min-max scale each column)";
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s: features range from %.4g to %.4g, but %s need values in [0, 1]; %s",
            source,
            lo,
            hi,
            method == Method.rbm ? "Bernoulli visible units" : "sigmoid reconstructions",
            fix));
  }

  /** Says which layer starts, and tags the metrics log's lines with it. */
  private static final class LayerAnnouncer implements TrainListener {
    private final PrintWriter out;
    private final MetricsLog log;
    private final int layers;
    private int layer;

    LayerAnnouncer(PrintWriter out, MetricsLog log, int layers) {
      this.out = out;
      this.log = log;
      this.layers = layers;
    }

    @Override
    public void on(TrainEvent e) {
      switch (e) {
        case TrainEvent.RunStarted s -> {
          layer++;
          if (log != null) log.field("layer", layer);
          out.printf(
              Locale.ROOT,
              "layer %d of %d: %s parameters%n",
              layer,
              layers,
              String.format(Locale.ROOT, "%,d", s.parameters()));
        }
        case TrainEvent.RunFinished f -> {
          StringBuilder b = new StringBuilder("layer " + layer + " done:");
          for (Map.Entry<String, Double> m : f.lastMetrics().entrySet())
            b.append(String.format(Locale.ROOT, " %s %.4f", m.getKey(), m.getValue()));
          out.println(b);
        }
        default -> {}
      }
    }
  }
}
