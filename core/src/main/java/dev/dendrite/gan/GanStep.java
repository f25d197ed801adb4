package dev.dendrite.gan;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.Metric;
import dev.dendrite.train.Stateful;
import dev.dendrite.train.TrainStep;
import dev.dendrite.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One adversarial step per batch of real examples, for {@link Trainer#fit(DataLoader, TrainStep)}
 * with the {@link Gan} as the trainer's model (so checkpoints hold both networks, and both
 * optimizers in the order discriminator, generator).
 *
 * <p>Every batch takes a discriminator step: fakes G(z) from fresh noise, the discriminator loss on
 * the real batch and the (detached) fakes, plus λ times the {@link GradientPenalty} when λ > 0, and
 * the discriminator's optimizer. Every {@code dSteps}-th batch then takes a generator step on the
 * same fakes, scored by the updated discriminator, as PyTorch's DCGAN example does; with {@code
 * dSteps} k > 1, G is updated once per k discriminator steps, each on a new real batch (WGAN's
 * n_critic). The two optimizers may have different learning rates (TTUR, Heusel et al. 2017).
 *
 * <p>The batch's features are real samples already in the generator's range (tanh: [−1, 1]) and are
 * reshaped to {@link Gan#sampleShape()}; its target holds the classes of a conditional GAN (fakes
 * get uniformly drawn classes). A NaN or infinite loss throws {@link Trainer.Diverged} naming the
 * network and its step count before that network's parameters change; the trainer adds the epoch
 * and step and leaves the last checkpoint alone. The noise generator and the step count are {@link
 * Stateful}, so a resumed run repeats an uninterrupted one bit for bit.
 *
 * @param gan the two networks
 * @param loss the objective
 * @param optD the discriminator's optimizer (over {@code gan.discriminator()}'s parameters)
 * @param optG the generator's optimizer
 * @param dSteps discriminator steps per generator step (k ≥ 1)
 * @param realLabel the target of real examples: 1, or less for one-sided label smoothing (0.9)
 * @param penalty λ of the gradient penalty, 0 for none
 * @param rng draws the noise (and the classes of conditional fakes, and the penalty's ε)
 */
public final class GanStep implements TrainStep<DataLoader.Batch>, Stateful {
  private final Gan gan;
  private final GanLoss loss;
  private final Optimizer optD, optG;
  private final int dSteps;
  private final float realLabel;
  private final float penalty;
  private final Rng rng;
  private long dCount, gCount;
  private Stats last = Stats.NONE;

  /** One step's numbers; NaN where the step did not compute it (no generator step, no penalty). */
  public record Stats(
      double dLoss, double gLoss, double dReal, double dFake, double penalty, int size) {
    static final Stats NONE =
        new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
  }

  public GanStep(
      Gan gan,
      GanLoss loss,
      Optimizer optD,
      Optimizer optG,
      int dSteps,
      double realLabel,
      double penalty,
      Rng rng) {
    if (dSteps < 1) throw new IllegalArgumentException("GAN: dSteps must be >= 1, got " + dSteps);
    if (!(realLabel > 0 && realLabel <= 1))
      throw new IllegalArgumentException(
          "GAN: the real label must be in (0, 1] (one-sided smoothing: e.g. 0.9), got "
              + realLabel);
    if (!(penalty >= 0))
      throw new IllegalArgumentException("GAN: the penalty weight must be >= 0, got " + penalty);
    if (realLabel != 1 && loss == GanLoss.WASSERSTEIN)
      throw new IllegalArgumentException("GAN: label smoothing has no meaning for a WGAN critic");
    this.gan = gan;
    this.loss = loss;
    this.optD = optD;
    this.optG = optG;
    this.dSteps = dSteps;
    this.realLabel = (float) realLabel;
    this.penalty = (float) penalty;
    this.rng = rng;
  }

  @Override
  public Outcome run(DataLoader.Batch batch) {
    int n = batch.size();
    int[] shape = gan.sampleShape();
    int[] full = new int[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    Tensor real = batch.features().reshape(full);
    Tensor labels = gan.classes() > 0 ? batch.target() : null;
    Tensor fakeLabels = gan.classes() > 0 ? randomClasses(n) : null;
    boolean gStep = dCount % dSteps == dSteps - 1;
    Tensor z = gan.noise(rng, n);
    Tensor fake;
    if (gStep) {
      fake = gan.generate(z, fakeLabels);
    } else {
      try (var off = Grad.disabled()) {
        fake = gan.generate(z, fakeLabels);
      }
    }
    Tensor onReal = gan.discriminate(real, labels);
    Tensor onFake = gan.discriminate(fake.detach(), fakeLabels);
    Tensor lossD = loss.discriminator(onReal, onFake, realLabel);
    double gp = Double.NaN;
    if (penalty > 0) {
      Tensor p = GradientPenalty.of(x -> gan.discriminate(x, labels), real, fake, rng);
      gp = p.item();
      lossD = lossD.add(p.mul(penalty));
    }
    float dl = lossD.item();
    if (!Float.isFinite(dl))
      throw new Trainer.Diverged(
          "the discriminator loss became " + dl + " at discriminator step " + (dCount + 1));
    double dReal = score(onReal), dFake = score(onFake);
    optD.zeroGrad();
    lossD.backward();
    optD.step();
    optD.zeroGrad();
    dCount++;
    double gl = Double.NaN;
    if (gStep) {
      Tensor lossG = loss.generator(gan.discriminate(fake, fakeLabels));
      float g = lossG.item();
      if (!Float.isFinite(g))
        throw new Trainer.Diverged(
            "the generator loss became " + g + " at generator step " + (gCount + 1));
      optG.zeroGrad();
      lossG.backward();
      optG.step();
      optG.zeroGrad();
      optD.zeroGrad(); // the generator's backward went through D as well
      gCount++;
      gl = g;
    }
    last = new Stats(dl, gl, dReal, dFake, gp, n);
    return new Outcome(dl, n, null, null);
  }

  private Tensor randomClasses(int n) {
    float[] c = new float[n];
    for (int i = 0; i < n; i++) c[i] = rng.nextInt(gan.classes());
    return Tensor.of(c);
  }

  /** The mean probability D gives the examples (the mean critic score for a WGAN). */
  private double score(Tensor logits) {
    float[] v = logits.detach().toArray();
    double s = 0;
    for (float x : v) s += loss == GanLoss.WASSERSTEIN ? x : 1 / (1 + Math.exp(-x));
    return s / v.length;
  }

  /** The numbers of the last step. */
  public Stats last() {
    return last;
  }

  /** Discriminator steps taken. */
  public long discriminatorSteps() {
    return dCount;
  }

  /** Generator steps taken. */
  public long generatorSteps() {
    return gCount;
  }

  public Gan gan() {
    return gan;
  }

  /** Discriminator first, then generator: the order of their checkpoint entries. */
  @Override
  public List<Optimizer> optimizers() {
    return List.of(optD, optG);
  }

  /**
   * The epoch's metrics of this step: {@code d_loss}, {@code g_loss} (over the generator steps),
   * {@code D(x)}, {@code D(G(z))} (mean probabilities, or critic scores for a WGAN) and, with a
   * penalty, {@code gp}; each the mean over the epoch's steps weighted by batch size.
   */
  public List<Metric> metrics() {
    List<Metric> m = new ArrayList<>();
    m.add(new StepMean("d_loss", Stats::dLoss));
    m.add(new StepMean("g_loss", Stats::gLoss));
    m.add(new StepMean("D(x)", Stats::dReal));
    m.add(new StepMean("D(G(z))", Stats::dFake));
    if (penalty > 0) m.add(new StepMean("gp", Stats::penalty));
    return m;
  }

  private final class StepMean implements Metric {
    private final String name;
    private final ToDoubleFunction<Stats> field;
    private double sum;
    private long count;

    StepMean(String name, ToDoubleFunction<Stats> field) {
      this.name = name;
      this.field = field;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void reset() {
      sum = 0;
      count = 0;
    }

    @Override
    public void update(Outcome o) {
      double v = field.applyAsDouble(last);
      if (Double.isNaN(v)) return;
      sum += v * last.size();
      count += last.size();
    }

    @Override
    public double value() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  @Override
  public String key() {
    return "gan";
  }

  @Override
  public Map<String, Double> state() {
    Map<String, Double> m = new LinkedHashMap<>(Stateful.rngState(rng));
    m.put("d_steps", (double) dCount);
    m.put("g_steps", (double) gCount);
    return m;
  }

  @Override
  public void restore(Map<String, Double> state) {
    Stateful.restoreRng(rng, state);
    dCount = state.getOrDefault("d_steps", 0.0).longValue();
    gCount = state.getOrDefault("g_steps", 0.0).longValue();
  }
}
