package dev.dendrite.unsupervised;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainListener;
import dev.dendrite.train.Trainer;
import dev.dendrite.train.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deep belief net (Hinton, Osindero and Teh 2006): a stack of Bernoulli {@link RBM}s, each
 * trained greedily on the hidden probabilities of the one below it, then either unrolled into a
 * sigmoid MLP for supervised fine-tuning or used as a generative model.
 *
 * <p>Layer sizes {@code [v, h1, h2, …]} make RBMs (v, h1), (h1, h2), … . {@link #pretrain} runs
 * each layer through its own trainer run of a {@link ContrastiveDivergence} step; {@link #unroll}
 * copies the weights into {@code Linear, Sigmoid, …, Linear(h_last, classes)} for {@link
 * Trainer#fit(dev.dendrite.data.Labeled, dev.dendrite.data.Labeled)}; {@link #sample} runs Gibbs
 * sampling in the top RBM and one mean-field pass down the others.
 */
public final class DeepBeliefNet {
  private final int[] sizes;
  private final List<RBM> layers;

  /**
   * Untrained RBMs for layer sizes {@code [v, h1, …]} (at least two, each ≥ 1), initialized as
   * scikit-learn does from {@code rng}.
   */
  public DeepBeliefNet(int[] sizes, Rng rng) {
    if (sizes.length < 2)
      throw new IllegalArgumentException(
          "DeepBeliefNet: needs the visible size and at least one hidden size, got "
              + Arrays.toString(sizes));
    for (int s : sizes)
      if (s < 1)
        throw new IllegalArgumentException(
            "DeepBeliefNet: layer sizes must be >= 1, got " + Arrays.toString(sizes));
    this.sizes = sizes.clone();
    List<RBM> l = new ArrayList<>();
    for (int i = 0; i + 1 < sizes.length; i++) l.add(new RBM(sizes[i], sizes[i + 1], rng));
    this.layers = List.copyOf(l);
  }

  /**
   * A net of the given RBMs, bottom first (not copied): each one's visible units must be as many as
   * the hidden units of the one below. The bottom RBM may have Gaussian visible units, the others
   * must be Bernoulli, as they see the hidden probabilities of the one below.
   */
  public DeepBeliefNet(List<RBM> layers) {
    if (layers.isEmpty())
      throw new IllegalArgumentException("DeepBeliefNet: needs at least one RBM");
    int[] s = new int[layers.size() + 1];
    s[0] = layers.get(0).visible();
    for (int i = 0; i < layers.size(); i++) {
      RBM r = layers.get(i);
      if (r.visible() != s[i])
        throw new IllegalArgumentException(
            "DeepBeliefNet: RBM "
                + i
                + " has "
                + r.visible()
                + " visible units, but the one below has "
                + s[i]
                + " hidden units");
      if (i > 0 && r.visibleUnits() != RBM.Visible.BERNOULLI)
        throw new IllegalArgumentException(
            "DeepBeliefNet: only the bottom RBM may have Gaussian visible units, RBM "
                + i
                + " has");
      s[i + 1] = r.hidden();
    }
    this.sizes = s;
    this.layers = List.copyOf(layers);
  }

  /**
   * The net saved as a model: a {@link Sequential} of its RBMs (the same objects), whose forward is
   * the mean-field {@link #upPass(Tensor)} and whose state dict names each RBM's tensors {@code
   * 0.components_}, {@code 1.intercept_hidden_}, ... A model archive of it loads back through
   * {@link #from(Module)}.
   */
  public Sequential asModule() {
    return new Sequential(new ArrayList<Module>(layers));
  }

  /** The net whose {@link #asModule()} is {@code m}: a Sequential of RBMs, or one RBM. */
  public static DeepBeliefNet from(Module m) {
    if (m instanceof RBM r) return new DeepBeliefNet(List.of(r));
    List<RBM> rbms = new ArrayList<>();
    if (m instanceof Sequential s) for (Module l : s.layers()) if (l instanceof RBM r) rbms.add(r);
    if (rbms.isEmpty() || rbms.size() != ((Sequential) m).layers().size())
      throw new IllegalArgumentException(
          "DeepBeliefNet: expected a stack of RBMs, got " + m.getClass().getSimpleName());
    return new DeepBeliefNet(rbms);
  }

  /** The RBMs, bottom first. */
  public List<RBM> layers() {
    return layers;
  }

  /** The layer sizes, visible first. */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * Greedy layer-wise pre-training: RBM 1 on {@code data} (N, v) in [0, 1], then each next RBM on
   * the mean-field hidden probabilities of the trained one below, every layer its own trainer run
   * of {@code cfg} (epochs, batch size; the seed shuffles and, plus the layer's index, draws the
   * samples) with a {@link ContrastiveDivergence} step of {@code cd}. With {@code val} (or null)
   * each layer reports {@link ContrastiveDivergence#validation} on it, passed up the same way.
   * Every listener hears every layer's run, bottom first. Returns the layers' results.
   */
  public List<Trainer.Result> pretrain(
      Tensor data,
      Tensor val,
      ContrastiveDivergence.Config cd,
      TrainConfig cfg,
      TrainListener... listeners) {
    checkWidth(data, "data");
    if (val != null) checkWidth(val, "validation data");
    return GreedyLayerwise.pretrain(
        "DeepBeliefNet",
        layers,
        data,
        val,
        cfg,
        listeners,
        new GreedyLayerwise.Layer<RBM>() {
          @Override
          public Validation validation(RBM rbm, Tensor held) {
            return ContrastiveDivergence.validation(rbm, held, cfg.seed());
          }

          @Override
          public Trainer.Result fit(Trainer trainer, RBM rbm, int i, Tensor x) {
            var step = new ContrastiveDivergence(rbm, cd, cfg.batchSize(), new Rng(cfg.seed() + i));
            return trainer.fit(loader(x, cfg), step);
          }

          @Override
          public Tensor up(RBM rbm, Tensor x) {
            return rbm.hiddenProbabilities(x);
          }
        });
  }

  private static DataLoader<DataLoader.Batch> loader(Tensor x, TrainConfig cfg) {
    Tensor none = Tensor.zeros(x.size(0));
    return new DataLoader<>(
        x.size(0),
        cfg.batchSize(),
        true,
        false,
        cfg.seed(),
        (rows, n) -> {
          Tensor r = DataLoader.indexTensor(rows);
          return new DataLoader.Batch(x.indexSelect(0, r), none.indexSelect(0, r));
        });
  }

  /**
   * The mean-field up pass through the first {@code depth} RBMs: hidden probabilities chained, (N,
   * v) → (N, sizes[depth]).
   */
  public Tensor upPass(Tensor v, int depth) {
    if (depth < 0 || depth > layers.size())
      throw new IllegalArgumentException(
          "DeepBeliefNet: depth " + depth + " outside 0.." + layers.size());
    checkWidth(v, "input");
    for (int i = 0; i < depth; i++) v = layers.get(i).hiddenProbabilities(v);
    return v;
  }

  /** The mean-field up pass through every RBM: (N, v) → (N, h_last). */
  public Tensor upPass(Tensor v) {
    return upPass(v, layers.size());
  }

  /**
   * The sigmoid MLP {@code Linear(v, h1), Sigmoid(), …, Linear(h_last, classes)}: each hidden
   * {@link Linear}'s weight is a copy of its RBM's {@code components_} (H, V), already the (out,
   * in) layout, and its bias of {@code intercept_hidden_}; the head is initialized from {@code rng}
   * as any {@code Linear}. Without the head its forward is {@link #upPass(Tensor)}, op for op.
   */
  public Sequential unroll(int classes, Rng rng) {
    if (classes < 1)
      throw new IllegalArgumentException("DeepBeliefNet: classes must be >= 1, got " + classes);
    List<Module> mods = new ArrayList<>();
    try (var off = Grad.disabled()) {
      for (RBM rbm : layers) {
        Linear lin = new Linear(rbm.visible(), rbm.hidden(), rng);
        lin.weight().copyFrom(rbm.components());
        lin.bias().copyFrom(rbm.interceptHidden());
        mods.add(lin);
        mods.add(new Sigmoid());
      }
    }
    mods.add(new Linear(sizes[sizes.length - 1], classes, rng));
    return new Sequential(mods);
  }

  /**
   * {@code n} samples from noise: the top RBM's visible units start as fair coin flips, then as
   * {@link #sample(Tensor, int, Rng)}.
   */
  public Tensor sample(int n, int k, Rng rng) {
    if (n < 1) throw new IllegalArgumentException("DeepBeliefNet: n must be >= 1, got " + n);
    RBM top = layers.get(layers.size() - 1);
    return fromTop(Tensor.rand(rng, n, top.visible()).lt(0.5f), k, rng);
  }

  /**
   * Samples (N, v) in [0, 1] started from {@code start} (N, v): its mean-field up pass to the top
   * RBM's visible units, {@code k} steps of block Gibbs sampling there (k hidden samples, the
   * visible ones between them), then mean-field down: the top RBM's visible probabilities given the
   * last hidden sample, and each lower RBM's {@link RBM#visibleProbabilities} in turn. Every draw
   * comes from {@code rng}, so a seed repeats the samples.
   */
  public Tensor sample(Tensor start, int k, Rng rng) {
    return fromTop(upPass(start, layers.size() - 1), k, rng);
  }

  private Tensor fromTop(Tensor v, int k, Rng rng) {
    if (k < 1) throw new IllegalArgumentException("DeepBeliefNet: k must be >= 1, got " + k);
    RBM top = layers.get(layers.size() - 1);
    Tensor h = top.sampleHidden(v, rng);
    for (int i = 1; i < k; i++) h = top.sampleHidden(top.sampleVisible(h, rng), rng);
    Tensor x = top.visibleProbabilities(h);
    for (int i = layers.size() - 2; i >= 0; i--) x = layers.get(i).visibleProbabilities(x);
    return x;
  }

  private void checkWidth(Tensor x, String what) {
    GreedyLayerwise.checkWidth("DeepBeliefNet", sizes, "visible units", x, what);
  }

  @Override
  public String toString() {
    return "DeepBeliefNet" + Arrays.toString(sizes);
  }
}
