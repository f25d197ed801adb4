package dev.dendrite.train;

import dev.dendrite.autograd.Anomaly;
import dev.dendrite.autograd.Grad;
import dev.dendrite.data.DataLoader;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.augment.Augmenter;
import dev.dendrite.io.ModelArchive;
import dev.dendrite.nn.InferencePlan;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.callbacks.LRScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training loop of every model family: epochs of batches from a {@link DataLoader}, a
 * {@link TrainStep} per batch, {@link Metric}s over each epoch, a {@link Validation} after it, the
 * {@link TrainEvent} stream to the listeners, checkpoints, early stopping and the best epoch's
 * weights. A classifier is one call, {@link #fit(Labeled, Labeled)}; any other family gives its
 * loader and step to {@link #fit(DataLoader, TrainStep)}.
 *
 * <p>Call order: construct, {@link #listen} as needed, optionally {@link #metrics}, {@link
 * #validate}, {@link #augment} and {@link #resume}, then fit. A NaN, infinite or exploding (past
 * {@link #MAX_LOSS}, or {@link #divergeAbove} times the lowest) batch loss, or a NaN validation
 * loss, stops the run with {@link Diverged}, naming the epoch and step and this run's last
 * checkpoint; that checkpoint is left untouched. A listener may end a run early with {@link #stop}
 * (Keras' {@code stop_training}).
 */
public final class Trainer {
  private final Module model;
  private final TrainConfig cfg;
  private final Loss loss;
  private final Optimizer opt;
  private final List<TrainListener> listeners = new ArrayList<>();
  private List<Metric> metrics;
  private Validation validation;
  private Augmenter augmenter;
  private dev.dendrite.data.Sampler sampler;
  private Checkpoint resumeFrom;
  private int step;
  private double best = Double.NaN;
  private Map<String, Tensor> bestState;
  private int badEpochs, bestEpoch;
  private String stopReason;
  private Stateful stepState;
  private boolean checkpointed;
  private double explodeFactor, lowestLoss = Double.POSITIVE_INFINITY;

  /**
   * A batch loss whose magnitude passes this stops the run as a NaN does: float32 overflows soon
   * after, and nothing learns at such a loss.
   */
  public static final double MAX_LOSS = 1e30;

  /** The loss became NaN or infinite. */
  public static final class Diverged extends IllegalStateException {
    public Diverged(String message) {
      super(message);
    }
  }

  /**
   * What a run ended with: the epochs run, why it stopped, the last epoch's metrics, and with early
   * stopping the best value of its metric and the epoch that reached it (NaN and 0 otherwise).
   */
  public record Result(
      int epochs, String reason, Map<String, Double> metrics, double best, int bestEpoch) {}

  /**
   * A classifier's trainer: {@link #fit(Labeled, Labeled)} runs {@link Supervised} steps of {@code
   * loss} and {@code opt}.
   */
  public Trainer(Module model, Loss loss, Optimizer opt, TrainConfig cfg) {
    this.model = model;
    this.loss = loss;
    this.opt = opt;
    this.cfg = cfg;
  }

  /**
   * A trainer for {@link #fit(DataLoader, TrainStep)}: {@code model} is what checkpoints save and
   * early stopping restores (null when there is nothing to save: then no checkpoints or restore);
   * the batch size, seed and clipping of {@code cfg} belong to the loader and step instead.
   */
  public Trainer(Module model, TrainConfig cfg) {
    this(model, null, null, cfg);
  }

  public Trainer listen(TrainListener l) {
    listeners.add(l);
    return this;
  }

  /** The metrics of the training steps, in the order they are reported (default: the mean loss). */
  public Trainer metrics(Metric... m) {
    this.metrics = List.of(m);
    return this;
  }

  /**
   * What to measure after each epoch (for {@link #fit(Labeled, Labeled)}, set from its validation
   * data).
   */
  public Trainer validate(Validation v) {
    this.validation = v;
    return this;
  }

  /**
   * Augments every training batch of {@link #fit(Labeled, Labeled)} (never the validation data);
   * batch seeds come from the run's seed and the step, so a resumed run sees the same augmented
   * batches. Returns this.
   */
  public Trainer augment(Augmenter a) {
    this.augmenter = a;
    return this;
  }

  /**
   * Stops the run with {@link Diverged} when a batch loss exceeds {@code factor} times the lowest
   * batch loss seen so far in this process (0, the default: only NaN, infinity and {@link
   * #MAX_LOSS} stop it). Returns this.
   */
  public Trainer divergeAbove(double factor) {
    if (!(factor == 0 || factor > 1))
      throw new IllegalArgumentException("divergence factor must be 0 (off) or > 1, got " + factor);
    this.explodeFactor = factor;
    return this;
  }

  /**
   * Draws the training examples of {@link #fit(Labeled, Labeled)} from {@code s} (a {@link
   * dev.dendrite.data.WeightedRandomSampler}, an {@link dev.dendrite.data.Oversampler}) instead of
   * a shuffle; it draws from the loader's generator, whose state checkpoints save. Returns this.
   */
  public Trainer sample(dev.dendrite.data.Sampler s) {
    this.sampler = s;
    return this;
  }

  /** Continues from a checkpoint written by an earlier run of the same configuration. */
  public Trainer resume(Checkpoint c) {
    if (model != null) ModelArchive.loadWeights(model, c.model(), true, "checkpoint");
    this.resumeFrom = c;
    this.checkpointed = true;
    return this;
  }

  /**
   * Continues from the checkpoint {@code file} when it exists (as {@link #resume}); returns whether
   * it did. A file that is not a readable checkpoint is an error naming it.
   */
  public boolean resumeIfPresent(Path file) {
    if (file == null || !Checkpoint.exists(file)) return false;
    try {
      resume(Checkpoint.loadLatest(file, System.err::println));
    } catch (IOException e) {
      throw new UncheckedIOException("reading checkpoint " + file + ": " + e.getMessage(), e);
    }
    return true;
  }

  /**
   * Ends the run after the current step; {@code reason} is reported in {@link
   * TrainEvent.RunFinished}.
   */
  public void stop(String reason) {
    this.stopReason = reason;
  }

  /**
   * Trains a classifier on shuffled mini-batches of {@code train}; accuracy and loss on {@code val}
   * (may be null) after each epoch.
   */
  public Result fit(Labeled train, Labeled val) {
    if (opt == null)
      throw new IllegalStateException(
          "fit(Labeled, Labeled) needs the trainer made with a loss and an optimizer");
    DataLoader<DataLoader.Batch> loader =
        sampler != null
            ? DataLoader.of(train, cfg.batchSize(), sampler, false, cfg.seed(), augmenter)
            : DataLoader.of(train, cfg.batchSize(), true, false, cfg.seed(), augmenter);
    List<Metric> ms = metrics != null ? metrics : List.of(Metric.loss(), Metric.accuracy());
    Validation v = validation;
    if (val != null && v == null) {
      v =
          () -> {
            Evaluation ev = evaluate(model, loss, val, cfg.batchSize());
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("val_loss", ev.loss());
            m.put("val_accuracy", ev.confusion().accuracy());
            return m;
          };
    }
    return run(loader, new Supervised(model::forward, loss, opt, cfg.clipNorm()), ms, v);
  }

  /** Trains with {@code step} over {@code train} for the configured epochs. */
  public <B> Result fit(DataLoader<B> train, TrainStep<B> trainStep) {
    return run(train, trainStep, metrics != null ? metrics : List.of(Metric.loss()), validation);
  }

  private <B> Result run(
      DataLoader<B> train, TrainStep<B> trainStep, List<Metric> ms, Validation validation) {
    List<Optimizer> opts = trainStep.optimizers();
    List<TrainListener> all = new ArrayList<>();
    if (cfg.schedule() != null)
      for (Optimizer o : opts) all.add(LRScheduler.perEpoch(o, cfg.schedule()));
    all.addAll(listeners);
    stepState = trainStep instanceof Stateful s ? s : null;
    int startEpoch = 1, resumeBatch = 0;
    if (resumeFrom != null) {
      startEpoch = restore(resumeFrom, train, opts, all);
      resumeBatch = (int) (double) resumeFrom.extra().getOrDefault("batch", 0.0);
      // Announced again: a metrics log cut back to the checkpoint then reads as an uninterrupted
      // run's, whether or not the killed run got to log it.
      if (cfg.checkpoint() != null)
        emit(
            all,
            new TrainEvent.CheckpointSaved(
                resumeFrom.epoch(), resumeFrom.step(), cfg.checkpoint()));
    }
    int steps = train.batches();
    long t0 = System.nanoTime();
    emit(
        all,
        new TrainEvent.RunStarted(
            startEpoch, cfg.epochs(), steps, model == null ? 0 : model.parameterCount(), step));
    Map<String, Double> reported = Map.of();
    String reason = "completed";
    int epoch = startEpoch;
    for (; epoch <= cfg.epochs(); epoch++) {
      long e0 = System.nanoTime();
      emit(all, new TrainEvent.EpochStarted(epoch));
      if (model != null) model.train();
      long epochRng = train.rngState();
      int b = resumeBatch;
      for (Metric m : ms) {
        m.reset();
        if (b > 0) m.restore(withoutPrefix(resumeFrom.extra(), "metric." + m.name() + "."));
      }
      resumeBatch = 0;
      for (Iterator<B> it = train.iterator(b); it.hasNext(); ) {
        B batch = it.next();
        TrainStep.Outcome o;
        try {
          o = trainStep.run(batch);
        } catch (Diverged | Anomaly.Detected d) {
          throw diverged(d.getMessage(), epoch, step + 1);
        }
        if (!(Math.abs(o.loss()) <= MAX_LOSS))
          throw diverged("the loss became " + (float) o.loss(), epoch, step + 1);
        if (explodeFactor > 0 && lowestLoss > 0 && o.loss() > explodeFactor * lowestLoss)
          throw diverged(
              "the loss became "
                  + (float) o.loss()
                  + ", over "
                  + explodeFactor
                  + " times the lowest so far ("
                  + (float) lowestLoss
                  + ")",
              epoch,
              step + 1);
        if (o.loss() < lowestLoss) lowestLoss = o.loss();
        step++;
        b++;
        for (Metric m : ms) m.update(o);
        emit(
            all,
            new TrainEvent.BatchEnded(
                epoch, step, b, o.loss(), o.size(), Duration.ofNanos(System.nanoTime() - e0)));
        if (stopReason != null) break;
        if (cfg.checkpoint() != null
            && cfg.checkpointSteps() > 0
            && step % cfg.checkpointSteps() == 0
            && b < steps) saveCheckpoint(epoch - 1, b, epochRng, ms, opts, all);
      }
      reported = new LinkedHashMap<>();
      for (Metric m : ms) reported.put(m.name(), m.value());
      if (validation != null) {
        Map<String, Double> measured = validation.measure();
        // Checked before the epoch is reported or checkpointed: a NaN validation loss means the
        // weights are no longer good, and must not become the checkpoint to resume from.
        for (var e : measured.entrySet())
          if (e.getKey().endsWith("loss") && !(Math.abs(e.getValue()) <= MAX_LOSS))
            throw diverged("the " + e.getKey() + " became " + e.getValue(), epoch, step);
        reported.putAll(measured);
      }
      reported.put("lr", opts.isEmpty() ? Double.NaN : opts.get(0).lr());
      emit(
          all,
          new TrainEvent.EpochEnded(epoch, reported, Duration.ofNanos(System.nanoTime() - e0)));
      boolean earlyStop = earlyStopping(epoch, reported);
      boolean stop = earlyStop || stopReason != null;
      if (cfg.checkpoint() != null
          && (epoch % cfg.checkpointEvery() == 0 || epoch == cfg.epochs() || stop)) {
        saveCheckpoint(epoch, 0, train.rngState(), ms, opts, all);
      }
      if (stop) {
        EarlyStopping es = cfg.earlyStopping();
        reason =
            earlyStop
                ? "early stop: "
                    + es.monitor()
                    + " did not improve for "
                    + es.patience()
                    + " epochs"
                : stopReason;
        break;
      }
    }
    if (bestState != null) ModelArchive.loadWeights(model, bestState, true, "best epoch");
    int done = Math.min(epoch, cfg.epochs());
    emit(
        all,
        new TrainEvent.RunFinished(
            done, reason, reported, Duration.ofNanos(System.nanoTime() - t0)));
    return new Result(done, reason, reported, best, bestEpoch);
  }

  /**
   * The divergence error: where, and which checkpoint to go back to, when this run wrote or resumed
   * from one (a checkpoint file left by an earlier run is not this run's last good state).
   */
  private Diverged diverged(String what, int epoch, int atStep) {
    return new Diverged(
        what
            + " at epoch "
            + epoch
            + ", step "
            + atStep
            + (checkpointed ? "; the last good checkpoint is " + cfg.checkpoint() : "")
            + "; try a smaller learning rate or gradient clipping");
  }

  private static void emit(List<TrainListener> to, TrainEvent e) {
    for (TrainListener l : to) l.on(e);
  }

  /** Keeps the best epoch's weights when asked; true when the run should stop. */
  private boolean earlyStopping(int epoch, Map<String, Double> reported) {
    EarlyStopping es = cfg.earlyStopping();
    if (es == null) return false;
    Double v = reported.get(es.monitor());
    if (v == null)
      throw new IllegalArgumentException(
          "early stopping monitors "
              + es.monitor()
              + ", which this run does not report ("
              + reported.keySet()
              + ")");
    if (es.improves(v, best)) {
      best = v;
      bestEpoch = epoch;
      badEpochs = 0;
      if (es.restoreBest() && model != null) bestState = snapshot();
      return false;
    }
    return ++badEpochs >= es.patience();
  }

  private Map<String, Tensor> snapshot() {
    Map<String, Tensor> s = new LinkedHashMap<>();
    for (var e : model.stateDict().entrySet())
      s.put(e.getKey(), Tensor.of(e.getValue().toArray(), e.getValue().shape()));
    return s;
  }

  /**
   * Puts the optimizers, loader, counters and stateful listeners back as the checkpoint has them;
   * returns the epoch to start at.
   */
  private int restore(
      Checkpoint c, DataLoader<?> train, List<Optimizer> opts, List<TrainListener> all) {
    checkSettings(c.settings(), settings(opts));
    if (opts.size() == 1) {
      opts.get(0).loadStateDict(c.optimizer());
    } else {
      for (int i = 0; i < opts.size(); i++)
        opts.get(i).loadStateDict(withoutPrefix(c.optimizer(), i + "."));
    }
    // The rate is not part of an optimizer's state dict, and a plateau may have lowered it.
    for (int i = 0; i < opts.size(); i++) {
      Double lr = c.extra().get(opts.size() == 1 ? "lr" : "lr." + i);
      if (lr != null) opts.get(i).setLr(lr);
    }
    train.restore(c.rngState(), c.step());
    step = c.step();
    best = c.extra().getOrDefault("best", Double.NaN);
    badEpochs = (int) (double) c.extra().getOrDefault("bad_epochs", 0.0);
    bestEpoch = (int) (double) c.extra().getOrDefault("best_epoch", 0.0);
    if (!c.best().isEmpty()) bestState = c.best();
    for (Stateful s : stateful(all)) s.restore(withoutPrefix(c.extra(), s.key() + "."));
    return c.epoch() + 1;
  }

  /** What a checkpoint records of the run: the model's spec and each optimizer's settings. */
  private Map<String, String> settings(List<Optimizer> opts) {
    Map<String, String> s = new LinkedHashMap<>();
    if (model != null) {
      try {
        s.put("model", dev.dendrite.io.Json.write(model.spec()));
      } catch (UnsupportedOperationException e) {
        s.put("model", model.getClass().getName()); // a module without a JSON spec: its kind
      }
    }
    for (int i = 0; i < opts.size(); i++)
      s.put(opts.size() == 1 ? "optimizer" : "optimizer." + i, opts.get(i).settings());
    return s;
  }

  /**
   * Refuses to continue a run with other settings than its checkpoint's: the optimizer state would
   * be applied to a different update rule, silently. Settings a checkpoint lacks are not checked.
   */
  static void checkSettings(Map<String, String> saved, Map<String, String> now) {
    List<String> diffs = new ArrayList<>();
    for (var e : now.entrySet()) {
      String was = saved.get(e.getKey());
      if (was != null && !was.equals(e.getValue()))
        diffs.add(e.getKey() + " " + difference(was, e.getValue()));
    }
    if (!diffs.isEmpty())
      throw new IllegalArgumentException(
          "the checkpoint was written with other settings: "
              + String.join("; ", diffs)
              + " (resume with the same settings, or use a new checkpoint file)");
  }

  /**
   * "lr 0.1 in the checkpoint, 0.01 now" for records' texts of the same kind; both texts otherwise.
   */
  private static String difference(String was, String now) {
    int a = was.indexOf('['), b = now.indexOf('[');
    if (a > 0 && b > 0 && was.substring(0, a).equals(now.substring(0, b))) {
      String[] x = was.substring(a + 1, was.length() - 1).split(", ");
      String[] y = now.substring(b + 1, now.length() - 1).split(", ");
      List<String> d = new ArrayList<>();
      for (int i = 0; i < Math.min(x.length, y.length); i++) {
        if (!x[i].equals(y[i])) {
          String field = x[i].substring(0, Math.max(0, x[i].indexOf('=')));
          d.add(
              field
                  + " "
                  + x[i].substring(x[i].indexOf('=') + 1)
                  + " in the checkpoint, "
                  + y[i].substring(y[i].indexOf('=') + 1)
                  + " now");
        }
      }
      if (!d.isEmpty()) return was.substring(0, a) + ": " + String.join(", ", d);
    }
    return was + " in the checkpoint, " + now + " now";
  }

  /** The listeners and the step whose state rides in checkpoints (a step's generator, say). */
  private List<Stateful> stateful(List<TrainListener> all) {
    List<Stateful> out = new ArrayList<>();
    for (TrainListener l : all) if (l instanceof Stateful s) out.add(s);
    if (stepState != null && !out.contains(stepState)) out.add(stepState);
    if (model != null) {
      LayerGenerators g = new LayerGenerators(model);
      if (!g.isEmpty()) out.add(g);
    }
    return out;
  }

  private static <V> Map<String, V> withoutPrefix(Map<String, V> m, String prefix) {
    Map<String, V> out = new LinkedHashMap<>();
    for (var e : m.entrySet())
      if (e.getKey().startsWith(prefix))
        out.put(e.getKey().substring(prefix.length()), e.getValue());
    return out;
  }

  /**
   * Writes the checkpoint after {@code epoch} whole epochs and {@code batch} batches of the next (0
   * at an epoch's end); {@code rng} is the loader's generator state before that epoch's shuffle
   * when inside one, and the epoch's metric sums so far ride along.
   */
  private void saveCheckpoint(
      int epoch,
      int batch,
      long rng,
      List<Metric> ms,
      List<Optimizer> opts,
      List<TrainListener> all) {
    if (model == null)
      throw new IllegalStateException("checkpoints need the trainer made with the model to save");
    Map<String, Tensor> optState = new LinkedHashMap<>();
    if (opts.size() == 1) {
      optState.putAll(opts.get(0).stateDict());
    } else {
      for (int i = 0; i < opts.size(); i++)
        for (var e : opts.get(i).stateDict().entrySet())
          optState.put(i + "." + e.getKey(), e.getValue());
    }
    Map<String, Double> extra = new LinkedHashMap<>();
    if (!Double.isNaN(best)) extra.put("best", best);
    extra.put("bad_epochs", (double) badEpochs);
    extra.put("best_epoch", (double) bestEpoch);
    for (int i = 0; i < opts.size(); i++)
      extra.put(opts.size() == 1 ? "lr" : "lr." + i, opts.get(i).lr());
    if (batch > 0) {
      extra.put("batch", (double) batch);
      for (Metric m : ms)
        for (var e : m.state().entrySet())
          extra.put("metric." + m.name() + "." + e.getKey(), e.getValue());
    }
    for (Stateful s : stateful(all)) {
      for (var e : s.state().entrySet())
        if (Double.isFinite(e.getValue())) extra.put(s.key() + "." + e.getKey(), e.getValue());
    }
    try {
      new Checkpoint(
              model.stateDict(),
              optState,
              bestState == null ? Map.of() : bestState,
              epoch,
              step,
              rng,
              extra)
          .withSettings(settings(opts))
          .save(cfg.checkpoint());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    checkpointed = true;
    emit(all, new TrainEvent.CheckpointSaved(epoch, step, cfg.checkpoint()));
  }

  /** The mean loss and the confusion matrix of a model on a data set, in evaluation mode. */
  public record Evaluation(double loss, ConfusionMatrix confusion) {}

  public static Evaluation evaluate(Module model, Loss loss, Labeled data, int batchSize) {
    boolean was = model.isTraining();
    model.eval();
    ConfusionMatrix cm = new ConfusionMatrix(data.classes());
    double sum = 0;
    try (var off = Grad.disabled()) {
      // The inference path: fused Linear layers writing into buffers reused across batches.
      InferencePlan plan = InferencePlan.compile(model);
      Tensor y = data.labelTensor();
      for (int from = 0; from < data.size(); from += batchSize) {
        int to = Math.min(data.size(), from + batchSize);
        Tensor x = data.features().slice(0, from, to), t = y.slice(0, from, to);
        Tensor out = plan.run(x);
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
