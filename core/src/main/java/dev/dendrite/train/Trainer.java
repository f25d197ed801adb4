package dev.dendrite.train;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.Labeled;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Clip;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a classifier: shuffled mini-batches, forward, loss, backward, optional clipping, optimizer
 * step; validation after each epoch; events to the listeners; checkpoints; early stopping.
 *
 * <p>Call order: construct, {@link #listen} as needed, optionally {@link #augment} and {@link #resume}, then
 * {@link #fit}. A NaN or infinite loss stops the run with {@link Diverged}, naming the epoch and
 * step; the last checkpoint written before it is left untouched.
 */
public final class Trainer {
  private final Module model;
  private final Loss loss;
  private final Optimizer opt;
  private final TrainConfig cfg;
  private final List<TrainListener> listeners = new ArrayList<>();
  private final Rng rng;
  private int startEpoch = 1, step;
  private double best = Double.NaN;
  private Map<String, Tensor> bestState;
  private int badEpochs;
  private dev.dendrite.data.augment.Augmenter augmenter;

  /** The loss became NaN or infinite. */
  public static final class Diverged extends IllegalStateException {
    public Diverged(String message) {
      super(message);
    }
  }

  /** What a run ended with. */
  public record Result(int epochs, String reason, Map<String, Double> metrics) {}

  public Trainer(Module model, Loss loss, Optimizer opt, TrainConfig cfg) {
    this.model = model;
    this.loss = loss;
    this.opt = opt;
    this.cfg = cfg;
    this.rng = new Rng(cfg.seed());
  }

  public Trainer listen(TrainListener l) {
    listeners.add(l);
    return this;
  }

  private void emit(TrainEvent e) {
    for (TrainListener l : listeners) l.on(e);
  }

  /**
   * Augments every training batch (never the validation data); batch seeds come from the run's seed
   * and the step, so a resumed run sees the same augmented batches. Returns this.
   */
  public Trainer augment(dev.dendrite.data.augment.Augmenter a) {
    this.augmenter = a;
    return this;
  }

  /** Continues from a checkpoint written by an earlier run of the same configuration. */
  public Trainer resume(Checkpoint c) {
    dev.dendrite.io.ModelArchive.loadWeights(model, c.model(), true, "checkpoint");
    opt.loadStateDict(c.optimizer());
    rng.restore(c.rngState());
    startEpoch = c.epoch() + 1;
    step = c.step();
    best = c.extra().getOrDefault("best", Double.NaN);
    badEpochs = (int) (double) c.extra().getOrDefault("bad_epochs", 0.0);
    return this;
  }

  public Result fit(Labeled train, Labeled val) {
    int n = train.size(), bs = cfg.batchSize();
    int steps = (n + bs - 1) / bs;
    long t0 = System.nanoTime();
    emit(new TrainEvent.RunStarted(startEpoch, cfg.epochs(), steps, model.parameterCount()));
    Tensor y = train.labelTensor();
    int[] order = new int[n];
    Map<String, Double> metrics = Map.of();
    String reason = "completed";
    int epoch = startEpoch;
    for (; epoch <= cfg.epochs(); epoch++) {
      long e0 = System.nanoTime();
      emit(new TrainEvent.EpochStarted(epoch));
      if (cfg.schedule() != null) opt.setLr(cfg.schedule().lr(epoch - 1));
      for (int i = 0; i < n; i++) order[i] = i;
      rng.shuffle(order);
      model.train();
      double lossSum = 0;
      long right = 0;
      for (int b = 0; b < steps; b++) {
        int from = b * bs, to = Math.min(n, from + bs);
        float[] idx = new float[to - from];
        for (int i = from; i < to; i++) idx[i - from] = order[i];
        Tensor rows = Tensor.of(idx);
        Tensor x = train.features().indexSelect(0, rows), t = y.indexSelect(0, rows);
        if (augmenter != null) x = augmenter.apply(x, dev.dendrite.data.augment.Augmenter.batchSeed(cfg.seed(), step));
        Tensor out = model.forward(x);
        Tensor l = loss.apply(out, t);
        float lv = l.item();
        step++;
        if (!Float.isFinite(lv)) {
          throw new Diverged("the loss became " + lv + " at epoch " + epoch + ", step " + step
              + (cfg.checkpoint() != null && Files.exists(cfg.checkpoint()) ? "; the last good checkpoint is " + cfg.checkpoint() : "")
              + "; try a smaller learning rate or gradient clipping");
        }
        l.backward();
        if (cfg.clipNorm() > 0) Clip.gradNorm(opt.params(), cfg.clipNorm(), 2);
        opt.step();
        opt.zeroGrad();
        lossSum += lv * (to - from);
        right += correct(out, t);
        emit(new TrainEvent.BatchEnded(epoch, step, b + 1, lv, to - from, Duration.ofNanos(System.nanoTime() - e0)));
      }
      metrics = new LinkedHashMap<>();
      metrics.put("loss", lossSum / n);
      metrics.put("accuracy", (double) right / n);
      if (val != null) {
        Evaluation ev = evaluate(model, loss, val, bs);
        metrics.put("val_loss", ev.loss());
        metrics.put("val_accuracy", ev.confusion().accuracy());
      }
      metrics.put("lr", opt.lr());
      emit(new TrainEvent.EpochEnded(epoch, metrics, Duration.ofNanos(System.nanoTime() - e0)));
      boolean stop = false;
      EarlyStopping es = cfg.earlyStopping();
      if (es != null) {
        Double v = metrics.get(es.monitor());
        if (v == null) throw new IllegalArgumentException("early stopping monitors " + es.monitor() + ", which this run does not report (" + metrics.keySet() + ")");
        if (es.improves(v, best)) {
          best = v;
          badEpochs = 0;
          if (es.restoreBest()) bestState = snapshot();
        } else if (++badEpochs >= es.patience()) {
          stop = true;
        }
      }
      if (cfg.checkpoint() != null && (epoch % cfg.checkpointEvery() == 0 || epoch == cfg.epochs() || stop)) saveCheckpoint(epoch);
      if (stop) {
        reason = "early stop: " + es.monitor() + " did not improve for " + es.patience() + " epochs";
        break;
      }
    }
    if (bestState != null) dev.dendrite.io.ModelArchive.loadWeights(model, bestState, true, "best epoch");
    int done = Math.min(epoch, cfg.epochs());
    emit(new TrainEvent.RunFinished(done, reason, metrics, Duration.ofNanos(System.nanoTime() - t0)));
    return new Result(done, reason, metrics);
  }

  private Map<String, Tensor> snapshot() {
    Map<String, Tensor> s = new LinkedHashMap<>();
    for (var e : model.stateDict().entrySet()) s.put(e.getKey(), Tensor.of(e.getValue().toArray(), e.getValue().shape()));
    return s;
  }

  private void saveCheckpoint(int epoch) {
    Map<String, Double> extra = new LinkedHashMap<>();
    if (!Double.isNaN(best)) extra.put("best", best);
    extra.put("bad_epochs", (double) badEpochs);
    try {
      new Checkpoint(model.stateDict(), opt.stateDict(), epoch, step, rng.state(), extra).save(cfg.checkpoint());
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint " + cfg.checkpoint(), e);
    }
    emit(new TrainEvent.CheckpointSaved(epoch, step, cfg.checkpoint()));
  }

  private static long correct(Tensor logits, Tensor target) {
    if (logits.dim() != 2 || target.dim() != 1) return 0;
    try (var off = Grad.disabled()) {
      float[] p = logits.argmax(1, false).toArray(), t = target.toArray();
      long c = 0;
      for (int i = 0; i < p.length; i++) if (p[i] == t[i]) c++;
      return c;
    }
  }

  /** The mean loss and the confusion matrix of a model on a data set, in evaluation mode. */
  public record Evaluation(double loss, ConfusionMatrix confusion) {}

  public static Evaluation evaluate(Module model, Loss loss, Labeled data, int batchSize) {
    boolean was = model.isTraining();
    model.eval();
    ConfusionMatrix cm = new ConfusionMatrix(data.classes());
    double sum = 0;
    try (var off = Grad.disabled()) {
      Tensor y = data.labelTensor();
      for (int from = 0; from < data.size(); from += batchSize) {
        int to = Math.min(data.size(), from + batchSize);
        Tensor x = data.features().slice(0, from, to), t = y.slice(0, from, to);
        Tensor out = model.forward(x);
        sum += loss.apply(out, t).item() * (to - from);
        float[] p = out.argmax(1, false).toArray();
        for (int i = 0; i < p.length; i++) cm.add(data.labels()[from + i], (int) p[i]);
      }
    } finally {
      if (was) model.train();
    }
    return new Evaluation(sum / data.size(), cm);
  }
}
