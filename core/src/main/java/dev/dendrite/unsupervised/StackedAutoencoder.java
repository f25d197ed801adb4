package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Parameter;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stacked autoencoders (Bengio et al. 2007; stacked denoising autoencoders, Vincent et al. 2010),
 * used as {@link DeepBeliefNet} is: greedy layer-wise pre-training, then unrolling into an MLP for
 * supervised fine-tuning with {@link Trainer}.
 *
 * <p>Layer sizes {@code [v, h1, h2, …]} make one-hidden-layer {@link Autoencoder}s {@code (v, h1,
 * v)}, {@code (h1, h2, h1)}, … . {@link #pretrain} trains each through its own {@link
 * Trainer#fit(DataLoader, dev.dendrite.train.TrainStep)} run of an {@link AutoencoderStep} on the
 * codes of the trained layers below it, optionally on corrupted input with the clean input as the
 * target; {@link #unroll} copies the encoders into {@code Linear, act, …, Linear(h_last, classes)}.
 */
public final class StackedAutoencoder {
  private final int[] sizes;
  private final Autoencoder.Hidden hidden;
  private final List<Autoencoder> layers;

  /**
   * Untrained layers for sizes {@code [v, h1, …]} (at least two, each ≥ 1) with {@code hidden}
   * codes and, when {@code tied}, tied decoder weights, initialised from {@code rng}.
   */
  public StackedAutoencoder(int[] sizes, Autoencoder.Hidden hidden, boolean tied, Rng rng) {
    if (sizes.length < 2)
      throw new IllegalArgumentException(
          "StackedAutoencoder: needs the visible size and at least one hidden size, got "
              + Arrays.toString(sizes));
    for (int s : sizes)
      if (s < 1)
        throw new IllegalArgumentException(
            "StackedAutoencoder: layer sizes must be >= 1, got " + Arrays.toString(sizes));
    this.sizes = sizes.clone();
    this.hidden = hidden;
    List<Autoencoder> l = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.length; i++)
      l.add(new Autoencoder(new int[] {sizes[i], sizes[i + 1], sizes[i]}, hidden, tied, rng));
    this.layers = List.copyOf(l);
  }

  /** The one-hidden-layer autoencoders, bottom first. */
  public List<Autoencoder> layers() {
    return layers;
  }

  /** The layer sizes, visible first. */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * Greedy layer-wise pre-training: autoencoder 1 on {@code data} (N, v), then each next one on the
   * codes of the trained one below, every layer its own trainer run of {@code cfg} (epochs, batch
   * size, the seed for shuffling, plus the layer's index for the corruption) with an {@link
   * AutoencoderStep} of {@code loss} and a new optimizer from {@code optimizer}. With {@code
   * corruption} (or null) each layer is a denoising autoencoder: corrupted input, clean target.
   * With {@code val} (or null) each layer reports {@code val_reconstruction_error}, the mean
   * squared error of its clean reconstruction of the validation codes. Every listener hears every
   * layer's run, bottom first. Returns the layers' results.
   */
  public List<Trainer.Result> pretrain(
      Tensor data,
      Tensor val,
      Loss loss,
      Function<List<Parameter>, Optimizer> optimizer,
      Corruption corruption,
      TrainConfig cfg,
      TrainListener... listeners) {
    checkWidth(data, "data");
    if (val != null) checkWidth(val, "validation data");
    return GreedyLayerwise.pretrain(
        "StackedAutoencoder",
        layers,
        data,
        val,
        cfg,
        listeners,
        new GreedyLayerwise.Layer<Autoencoder>() {
          @Override
          public Validation validation(Autoencoder ae, Tensor held) {
            return () -> Map.of("val_reconstruction_error", reconstructionError(ae, held));
          }

          @Override
          public Trainer.Result fit(Trainer trainer, Autoencoder ae, int i, Tensor x) {
            var step = new AutoencoderStep(ae, loss, optimizer.apply(ae.parameters()));
            return trainer.fit(loader(x, corruption, cfg.seed() + i, cfg), step);
          }

          @Override
          public Tensor up(Autoencoder ae, Tensor x) {
            return codes(ae, x);
          }
        });
  }

  /** The mean squared error of {@code ae}'s reconstruction of {@code x}, without the tape. */
  public static double reconstructionError(Autoencoder ae, Tensor x) {
    boolean was = ae.isTraining();
    ae.eval();
    try (var off = Grad.disabled()) {
      return ae.forward(x).sub(x).square().mean().item();
    } finally {
      if (was) ae.train();
    }
  }

  private static Tensor codes(Autoencoder ae, Tensor x) {
    try (var off = Grad.disabled()) {
      return ae.encode(x);
    }
  }

  private static DataLoader<DataLoader.Batch> loader(
      Tensor x, Corruption corruption, long noiseSeed, TrainConfig cfg) {
    DataLoader.Collate<DataLoader.Batch> collate =
        corruption != null
            ? Corruption.denoising(x, corruption, noiseSeed)
            : (rows, n) -> {
              Tensor r = x.indexSelect(0, DataLoader.indexTensor(rows));
              return new DataLoader.Batch(r, r);
            };
    return new DataLoader<>(x.size(0), cfg.batchSize(), true, false, cfg.seed(), collate);
  }

  /**
   * The chained encoders' forward through the first {@code depth} layers, (N, v) → (N,
   * sizes[depth]), without the tape.
   */
  public Tensor encode(Tensor x, int depth) {
    if (depth < 0 || depth > layers.size())
      throw new IllegalArgumentException(
          "StackedAutoencoder: depth " + depth + " outside 0.." + layers.size());
    checkWidth(x, "input");
    for (int i = 0; i < depth; i++) x = codes(layers.get(i), x);
    return x;
  }

  /** The chained encoders' forward through every layer: (N, v) → (N, h_last). */
  public Tensor encode(Tensor x) {
    return encode(x, layers.size());
  }

  /**
   * The MLP {@code Linear(v, h1), act, …, Linear(h_last, classes)}: each hidden {@link Linear} a
   * copy of its autoencoder's encoder layer, the head initialised from {@code rng} as any {@code
   * Linear}. Without the head its forward is {@link #encode(Tensor)}, op for op.
   */
  public Sequential unroll(int classes, Rng rng) {
    if (classes < 1)
      throw new IllegalArgumentException(
          "StackedAutoencoder: classes must be >= 1, got " + classes);
    List<Module> mods = new ArrayList<>();
    try (var off = Grad.disabled()) {
      for (Autoencoder ae : layers) {
        Linear enc = (Linear) ae.encoder().layers().get(0);
        Linear lin = new Linear(enc.inFeatures(), enc.outFeatures(), rng);
        lin.weight().copyFrom(enc.weight());
        lin.bias().copyFrom(enc.bias());
        mods.add(lin);
        mods.add(hidden == Autoencoder.Hidden.SIGMOID ? new Sigmoid() : new ReLU());
      }
    }
    mods.add(new Linear(sizes[sizes.length - 1], classes, rng));
    return new Sequential(mods);
  }

  /**
   * The stack unrolled into one deep {@link Autoencoder} (Hinton and Salakhutdinov 2006): sizes
   * {@code [v, h1, …, h_last, …, h1, v]}, encoder layer i a copy of layer i's encoder, decoder
   * layer k a copy of layer (L−1−k)'s decoder, tied where the layers are tied. This is the form a
   * model archive saves. With sigmoid codes its forward is the layers' encoders up and decoders
   * down, op for op; with ReLU codes the inner decoder layers use ReLU where the layers' own
   * outputs are sigmoids.
   */
  public Autoencoder toAutoencoder() {
    int n = layers.size();
    int[] deep = new int[2 * n + 1];
    for (int i = 0; i <= n; i++) deep[i] = deep[2 * n - i] = sizes[i];
    boolean tied = layers.get(0).tied();
    Autoencoder ae = new Autoencoder(deep, hidden, tied, new Rng(0));
    try (var off = Grad.disabled()) {
      for (int i = 0; i < n; i++) {
        Map<String, Tensor> from = layers.get(i).stateDict();
        Map<String, Tensor> to = ae.stateDict();
        to.get("encoder." + 2 * i + ".weight").copyFrom(from.get("encoder.0.weight"));
        to.get("encoder." + 2 * i + ".bias").copyFrom(from.get("encoder.0.bias"));
        int k = n - 1 - i;
        if (!tied) to.get("decoder." + 2 * k + ".weight").copyFrom(from.get("decoder.0.weight"));
        to.get("decoder." + 2 * k + ".bias").copyFrom(from.get("decoder.0.bias"));
      }
    }
    return ae;
  }

  private void checkWidth(Tensor x, String what) {
    GreedyLayerwise.checkWidth("StackedAutoencoder", sizes, "inputs", x, what);
  }

  @Override
  public String toString() {
    return "StackedAutoencoder" + Arrays.toString(sizes);
  }
}
