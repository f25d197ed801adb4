package dev.dendrite.tune;

import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs a hyper-parameter search: a {@link Scheduler} says which trial to train for how long, an
 * {@link Objective} trains it, a {@link Study} file records every finished job. Up to {@code
 * parallel} jobs run at once, each on a thread of its own with {@code threadsPerTrial} kernel
 * threads ({@link Threads#runWith}), so that parallel × threads per trial stays within the cores
 * given. Opening an existing study resumes it: recorded jobs are not run again, and the
 * configurations are a function of the seed and the trial number, so they come out the same.
 */
public final class Tuner {
  /** The strategies. */
  public enum Search {
    grid,
    random,
    hyperband
  }

  /**
   * How a search runs.
   *
   * @param search the strategy
   * @param trials configurations to try at most (a grid tries all of its points up to this many)
   * @param maxEpochs epochs of a trial that is never stopped
   * @param minEpochs Hyperband's bottom rung
   * @param eta Hyperband's reduction factor η
   * @param brackets Hyperband brackets (1: ASHA)
   * @param gridPoints values of each real range in a grid
   * @param seed the configurations' seed
   * @param parallel jobs running at once
   * @param threadsPerTrial kernel threads of each job
   */
  public record Settings(
      Search search,
      int trials,
      int maxEpochs,
      int minEpochs,
      int eta,
      int brackets,
      int gridPoints,
      long seed,
      int parallel,
      int threadsPerTrial) {
    public Settings {
      if (trials < 1) throw new IllegalArgumentException("trials must be >= 1, got " + trials);
      if (maxEpochs < 1)
        throw new IllegalArgumentException("max epochs must be >= 1, got " + maxEpochs);
      if (parallel < 1)
        throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
      if (threadsPerTrial < 1) throw new IllegalArgumentException("threads per trial must be >= 1");
    }
  }

  private final SearchSpace space;
  private final Settings settings;
  private final Objective objective;
  private final Scheduler scheduler;
  private final List<Map<String, Object>> grid;
  private final Map<Integer, Trial> trials = new TreeMap<>();
  private Consumer<String> log = s -> {};
  private int jobsRun;
  private long deadline = Long.MAX_VALUE;
  private boolean timedOut;

  public Tuner(SearchSpace space, Settings settings, Objective objective) {
    this.space = space;
    this.settings = settings;
    this.objective = objective;
    if (settings.search() == Search.grid) {
      grid = space.grid(settings.gridPoints());
      scheduler = new FullRuns(Math.min(settings.trials(), grid.size()), settings.maxEpochs());
    } else {
      grid = null;
      scheduler =
          settings.search() == Search.random
              ? new FullRuns(settings.trials(), settings.maxEpochs())
              : new Asha(
                  settings.minEpochs(),
                  settings.maxEpochs(),
                  settings.eta(),
                  settings.brackets(),
                  settings.trials());
    }
  }

  /** Receives a line per finished job. Returns this. */
  public Tuner log(Consumer<String> l) {
    this.log = l;
    return this;
  }

  /**
   * Starts no job after {@code seconds} from the start of {@link #run} (Optuna's {@code timeout});
   * running jobs finish and are recorded, and a later run resumes. Returns this.
   */
  public Tuner timeout(double seconds) {
    if (!(seconds > 0)) throw new IllegalArgumentException("timeout must be > 0, got " + seconds);
    this.deadline = (long) Math.min(Long.MAX_VALUE / 2, seconds * 1e9);
    return this;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** Configuration number {@code trial}: a grid point, or a sample drawn for that number. */
  public Map<String, Object> config(int trial) {
    return grid != null ? grid.get(trial) : space.sample(settings.seed(), trial);
  }

  /**
   * What the study's header records: everything that decides which configurations are tried and how
   * far (the trial budget may grow between runs), and {@code fixed}, the caller's own settings.
   */
  public Map<String, Object> header(Map<String, Object> fixed) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("search", settings.search().name());
    h.put("seed", settings.seed());
    Map<String, Object> sp = new LinkedHashMap<>();
    space.params().forEach((k, p) -> sp.put(k, p.expr()));
    h.put("space", sp);
    h.put("max_epochs", settings.maxEpochs());
    if (settings.search() == Search.hyperband) {
      h.put("min_epochs", settings.minEpochs());
      h.put("eta", settings.eta());
      h.put("brackets", settings.brackets());
    }
    if (settings.search() == Search.grid) h.put("grid_points", settings.gridPoints());
    h.put("fixed", fixed);
    return h;
  }

  /** The checkpoint of {@code trial} after {@code epoch}, kept until the trial moves on. */
  static Path checkpoint(Path study, int trial, int epoch) {
    return study.resolveSibling(
        study.getFileName() + ".ckpt/trial-" + trial + "-epoch-" + epoch + ".ckpt");
  }

  /**
   * Runs the search to its end, resuming {@code study}: its recorded jobs count as done. Returns
   * every trial, by number.
   */
  public List<Trial> run(Study study) throws IOException, InterruptedException {
    for (Map<String, Object> r : study.records()) restore(r);
    if (!trials.isEmpty())
      log.accept(
          "resuming "
              + study.file()
              + ": "
              + trials.size()
              + " trials recorded, "
              + epochs()
              + " epochs");
    long stopAt = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + deadline;
    Object lock = new Object();
    int[] running = {0};
    Exception[] fatal = {null};
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.parallel(),
            r -> {
              Thread t = new Thread(r, "dendrite-trial");
              t.setDaemon(true);
              return t;
            });
    try {
      synchronized (lock) {
        while (true) {
          if (fatal[0] != null) break;
          boolean late = System.nanoTime() >= stopAt;
          if (late && !timedOut) {
            timedOut = true;
            log.accept("timeout: no new jobs; waiting for the running ones");
          }
          Scheduler.Job job = running[0] < settings.parallel() && !late ? scheduler.next() : null;
          if (job == null) {
            if (running[0] == 0) break;
            if (stopAt == Long.MAX_VALUE) lock.wait();
            else lock.wait(Math.max(1, (stopAt - System.nanoTime()) / 1_000_000));
            continue;
          }
          running[0]++;
          Scheduler.Job j = job;
          Map<String, Object> config = config(j.trial());
          pool.execute(
              () -> {
                Exception failure = null;
                try {
                  finish(study, j, config, lock);
                } catch (Exception e) {
                  failure = e;
                }
                synchronized (lock) {
                  if (failure != null && fatal[0] == null) fatal[0] = failure;
                  running[0]--;
                  lock.notifyAll();
                }
              });
        }
        while (running[0] > 0) lock.wait();
      }
    } finally {
      pool.shutdownNow();
    }
    if (fatal[0] instanceof IOException e) throw e;
    if (fatal[0] instanceof RuntimeException e) throw e;
    if (fatal[0] != null) throw new IllegalStateException(fatal[0].getMessage(), fatal[0]);
    return List.copyOf(trials.values());
  }

  /** Runs one job on this thread with its share of the cores, records it, tells the scheduler. */
  private void finish(Study study, Scheduler.Job j, Map<String, Object> config, Object lock)
      throws Exception {
    Path resume = j.from() > 0 ? checkpoint(study.file(), j.trial(), j.from()) : null;
    // a trial at its last epoch is never continued: no checkpoint
    Path save = j.to() < scheduler.maxEpochs() ? checkpoint(study.file(), j.trial(), j.to()) : null;
    if (save != null) Files.createDirectories(save.getParent());
    Objective.Run run = new Objective.Run(j.trial(), config, j.from(), j.to(), resume, save);
    long t0 = System.nanoTime();
    double[][] scores = {null};
    String error = null;
    Exception[] thrown = {null};
    Threads.runWith(
        settings.threadsPerTrial(),
        () -> {
          try {
            scores[0] = objective.run(run);
          } catch (Exception e) {
            thrown[0] = e;
          }
        });
    if (thrown[0] instanceof Trainer.Diverged d) error = d.getMessage();
    else if (thrown[0] != null) throw thrown[0];
    double seconds = (System.nanoTime() - t0) / 1e9;
    Trial before;
    synchronized (lock) {
      before = trials.get(j.trial());
    }
    double[] curve = error != null ? new double[0] : curve(before, scores[0], j);
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("trial", j.trial());
    rec.put("config", config);
    rec.put("epochs", error != null ? j.to() : curve.length);
    List<Object> c = new ArrayList<>();
    for (double v : curve) c.add(v);
    rec.put("curve", c);
    rec.put("seconds", round((before == null ? 0 : before.seconds()) + seconds));
    if (error != null) rec.put("error", error);
    study.append(rec);
    if (resume != null) Files.deleteIfExists(resume);
    Trial t = new Trial(j.trial(), config, curve, error, (double) rec.get("seconds"));
    synchronized (lock) {
      trials.put(j.trial(), t);
      scheduler.report(j, t.score());
      jobsRun++;
      log.accept(describe(t, j));
    }
  }

  private static double round(double s) {
    return Math.round(s * 100) / 100.0;
  }

  private double[] curve(Trial before, double[] scores, Scheduler.Job j) {
    if (scores == null || (scores.length != j.to() - j.from() && scores.length != j.to()))
      throw new IllegalStateException(
          "trial " + j.trial() + ": the objective returned the wrong number of scores");
    for (double s : scores)
      if (!Double.isFinite(s))
        throw new IllegalStateException("trial " + j.trial() + ": a score is " + s);
    if (scores.length == j.to() || j.from() == 0) return scores;
    double[] prev = before == null ? new double[0] : before.curve();
    if (prev.length != j.from())
      throw new IllegalStateException(
          "trial " + j.trial() + " has " + prev.length + " epochs recorded, not " + j.from());
    double[] all = new double[j.to()];
    System.arraycopy(prev, 0, all, 0, prev.length);
    System.arraycopy(scores, 0, all, prev.length, scores.length);
    return all;
  }

  private String describe(Trial t, Scheduler.Job j) {
    StringBuilder sb =
        new StringBuilder(
            String.format(Locale.ROOT, "trial %3d  epochs %2d→%-2d  ", t.id(), j.from(), j.to()));
    sb.append(
        t.error() != null
            ? "failed: " + t.error()
            : String.format(Locale.ROOT, "score %.4f", t.score()));
    sb.append("  ").append(Report.config(t.config()));
    return sb.toString();
  }

  private void restore(Map<String, Object> r) {
    int id = ((Number) r.get("trial")).intValue();
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) r.get("config");
    List<?> c = (List<?>) r.get("curve");
    double[] curve = new double[c.size()];
    for (int i = 0; i < curve.length; i++) curve[i] = ((Number) c.get(i)).doubleValue();
    String error = (String) r.get("error");
    int epochs = ((Number) r.get("epochs")).intValue();
    Trial t =
        new Trial(
            id, config, curve, error, ((Number) r.getOrDefault("seconds", 0.0)).doubleValue());
    trials.put(id, t);
    scheduler.restore(id, epochs, t.score());
  }

  /** Whether the last {@link #run} stopped at its timeout with jobs left. */
  public boolean timedOut() {
    return timedOut;
  }

  /** Jobs run by this call (not the ones read back from the study). */
  public int jobsRun() {
    return jobsRun;
  }

  /** Epochs trained over all trials so far. */
  public int epochs() {
    int n = 0;
    for (Trial t : trials.values()) n += t.epochs();
    return n;
  }
}
