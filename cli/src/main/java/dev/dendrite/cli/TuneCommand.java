package dev.dendrite.cli;

import dev.dendrite.data.Labeled;
import dev.dendrite.io.AtomicFiles;
import dev.dendrite.io.Json;
import dev.dendrite.io.ModelSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.optim.Adagrad;
import dev.dendrite.optim.Adam;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.RMSprop;
import dev.dendrite.optim.SGD;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Threads;
import dev.dendrite.train.Checkpoint;
import dev.dendrite.train.TrainConfig;
import dev.dendrite.train.TrainEvent;
import dev.dendrite.train.Trainer;
import dev.dendrite.tune.Objective;
import dev.dendrite.tune.Param;
import dev.dendrite.tune.Report;
import dev.dendrite.tune.SearchSpace;
import dev.dendrite.tune.SpecEdit;
import dev.dendrite.tune.Study;
import dev.dendrite.tune.Trial;
import dev.dendrite.tune.Tuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@code dendrite tune}: a hyper-parameter search over {@code train}'s options and the fields of a
 * model spec, by grid, random search or Hyperband (ASHA), recorded in a study file it can resume.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Search hyper-parameters: grid, random or Hyperband (asynchronous successive halving).",
      "Each --param is a train option (lr, batch-size, optimizer, momentum, weight-decay,"
          + " label-smoothing, clip-norm, epochs) or a model spec field (layers.1.out, dropout,"
          + " activation). Trials score by validation accuracy; the study file resumes."
    })
final class TuneCommand implements Callable<Integer> {
  /** The train options a search may vary, as {@code --param} names them. */
  static final List<String> TRAIN_OPTIONS =
      List.of(
          "lr",
          "batch-size",
          "optimizer",
          "momentum",
          "weight-decay",
          "label-smoothing",
          "clip-norm",
          "epochs");

  @Spec CommandSpec spec;

  @Mixin Options.Data data;

  @Mixin Options.Seed seed;

  @Mixin Options.ThreadCount threads;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "A model spec (JSON) (default: train's built-in MLP).")
  Path model;

  @Option(
      names = "--param",
      paramLabel = "NAME=EXPR",
      description =
          "A searched parameter: choice(a,b,..), uniform(lo,hi), loguniform(lo,hi) or"
              + " int(lo,hi), e.g. 'lr=loguniform(1e-4,1e-1)'. Repeatable.")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--search",
      paramLabel = "NAME",
      defaultValue = "random",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Tuner.Search search;

  @Option(
      names = "--trials",
      paramLabel = "N",
      description =
          "Configurations to try (default: 20; a grid: all its points). Raise it and run again to"
              + " extend a study.")
  Integer trials;

  @Option(
      names = "--max-epochs",
      paramLabel = "N",
      defaultValue = "9",
      description = "Epochs of a trial that is never stopped (default: ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(
      names = "--min-epochs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Hyperband: epochs of the bottom rung (default: ${DEFAULT-VALUE}).")
  int minEpochs;

  @Option(
      names = "--eta",
      paramLabel = "η",
      defaultValue = "3",
      description = "Hyperband: reduction factor; a rung keeps its best 1/η (default: 3).")
  int eta;

  @Option(
      names = "--brackets",
      paramLabel = "N",
      defaultValue = "1",
      description = "Hyperband brackets (default: ${DEFAULT-VALUE}, i.e. ASHA).")
  int brackets;

  @Option(
      names = "--grid-points",
      paramLabel = "N",
      defaultValue = "3",
      description = "Grid: values of each real range (default: ${DEFAULT-VALUE}).")
  int gridPoints;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Trials trained at once; each gets threads/N kernel threads (default: one per thread).")
  Integer parallel;

  @Option(
      names = "--study",
      paramLabel = "FILE",
      defaultValue = "tune.jsonl",
      description =
          "The study file (JSON lines); an existing one is resumed (default: tune.jsonl).")
  Path study;

  @Option(
      names = "--plots",
      paramLabel = "PREFIX",
      description =
          "Write PREFIX-params.png and PREFIX-curves.png (default: the study file's name).")
  String plots;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Start no trial after this long; run again to continue (default: none).")
  Double timeout;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Train every trial on N examples of the training part (default: all).")
  Integer limit;

  @Option(
      names = "--val-split",
      paramLabel = "FRACTION",
      defaultValue = "0.1",
      description = "Training data held out to score the trials (default: ${DEFAULT-VALUE}).")
  double valSplit;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "Rows of the results table (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      defaultValue = "sgd",
      description =
          "Fixed"
              + " optimizer unless searched: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  TrainCommand.Opt optimizer;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description = "Fixed learning rate (train's" + " default).")
  Double lr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Fixed batch size (train's" + " default).")
  Integer batchSize;

  @Option(
      names = "--momentum",
      paramLabel = "M",
      defaultValue = "0.9",
      description = "Fixed" + " momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(
      names = "--weight-decay",
      paramLabel = "W",
      defaultValue = "0",
      description = "Fixed" + " weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--label-smoothing",
      paramLabel = "EPS",
      defaultValue = "0",
      description = "Fixed label smoothing (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(
      names = "--clip-norm",
      paramLabel = "NORM",
      defaultValue = "0",
      description = "Fixed" + " gradient clipping (default: none).")
  double clipNorm;

  /** One trial's train options, the searched ones over the fixed ones. */
  private record Run(
      TrainCommand.Opt optimizer,
      double lr,
      int batch,
      double momentum,
      double weightDecay,
      double labelSmoothing,
      double clipNorm,
      int epochs) {}

  private Object specJson;
  private Labeled train, val;
  private int inputs;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    threads.apply();
    SearchSpace space = space();
    int total = Threads.get();
    int par = parallel != null ? parallel : total;
    if (par < 1) throw Shared.usage(spec, "--parallel must be >= 1, got " + par);
    if (par > total)
      throw Shared.usage(
          spec,
          "--parallel "
              + par
              + " with "
              + Shared.plural(total, "thread")
              + " would oversubscribe the cores; give --parallel <= --threads");
    checks(space);
    specJson = model != null ? Json.parse(read(model)) : Map.of("model", defaultSpec());
    checkNames(space);
    int n = trials != null ? trials : search == Tuner.Search.grid ? Integer.MAX_VALUE : 20;
    Tuner.Settings settings =
        new Tuner.Settings(
            search,
            n,
            maxEpochs,
            minEpochs,
            eta,
            brackets,
            gridPoints,
            seed.seed,
            par,
            Math.max(1, total / par));
    Tuner tuner =
        new Tuner(space, settings, this::objective)
            .log(
                s -> {
                  out.println(s);
                  out.flush();
                });
    if (timeout != null) {
      if (!(timeout > 0)) throw Shared.usage(spec, "--timeout must be > 0, got " + timeout);
      tuner.timeout(timeout);
    }
    DataSets.Split d = data.load(seed.seed, out);
    Labeled all = d.train();
    if (limit != null) {
      if (limit < 2) throw Shared.usage(spec, "--limit must be >= 2, got " + limit);
      if (limit < all.size()) all = all.split((double) limit / all.size(), seed.seed + 2)[0];
    }
    Labeled[] tv = all.split(1 - valSplit, seed.seed + 1);
    train = tv[0];
    val = tv[1];
    inputs = train.features().size(1);
    // a spec value that does not fit (a width the next layer cannot take) fails here, not mid-run
    build(tuner.config(0));
    out.printf(
        Locale.ROOT,
        "tune %s on %s: %d training and %d validation examples%s; %s at once, %s each%n",
        search,
        data.describe(),
        train.size(),
        val.size(),
        limit != null ? " (--limit " + limit + ")" : "",
        Shared.plural(par, "trial"),
        Shared.plural(settings.threadsPerTrial(), "thread"));
    if (search == Tuner.Search.hyperband) {
      var asha = (dev.dendrite.tune.Asha) tuner.scheduler();
      for (int s = 0; s < asha.brackets(); s++)
        out.printf(
            Locale.ROOT,
            "bracket %d: rungs at %s epochs, η = %d%n",
            s,
            java.util.Arrays.toString(asha.rungs(s)),
            eta);
    }
    out.flush();
    List<Trial> done;
    long t0 = System.nanoTime();
    try (Study st = Study.open(study, tuner.header(fixed()))) {
      done = tuner.run(st);
    }
    report(out, space, tuner, done, (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
    return Files.readString(file);
  }

  private Map<String, Object> defaultSpec() {
    int[] io = data.tabular() ? new int[] {4, 3} : new int[] {784, 10};
    if (data.files.given())
      throw Shared.usage(spec, "--csv and --images need a --model spec to tune");
    return TrainCommand.defaultModel(io[0], io[1], data.tabular(), new Rng(0)).spec();
  }

  private SearchSpace space() {
    if (params.isEmpty())
      throw Shared.usage(
          spec, "give at least one --param, e.g. --param 'lr=loguniform(1e-4,1e-1)'");
    try {
      return SearchSpace.parse(params);
    } catch (IllegalArgumentException e) {
      throw Shared.usage(spec, "--param " + e.getMessage());
    }
  }

  private void checks(SearchSpace space) {
    if (maxEpochs < 1) throw Shared.usage(spec, "--max-epochs must be >= 1, got " + maxEpochs);
    if (trials != null && trials < 1) throw Shared.usage(spec, "--trials must be >= 1");
    if (!(valSplit > 0 && valSplit < 1))
      throw Shared.usage(spec, "--val-split must be in (0, 1), got " + valSplit);
    if (search == Tuner.Search.hyperband) {
      if (eta < 2) throw Shared.usage(spec, "--eta must be >= 2, got " + eta);
      if (minEpochs < 1 || minEpochs > maxEpochs)
        throw Shared.usage(spec, "--min-epochs must be in [1, --max-epochs], got " + minEpochs);
      if (brackets < 1) throw Shared.usage(spec, "--brackets must be >= 1");
      if (space.params().containsKey("epochs"))
        throw Shared.usage(spec, "hyperband sets the epochs itself; drop --param epochs");
    }
    if (search == Tuner.Search.grid && gridPoints < 1)
      throw Shared.usage(spec, "--grid-points must be >= 1");
    if (search == Tuner.Search.grid && trials == null && space.grid(gridPoints).size() > 10_000)
      throw Shared.usage(spec, "the grid has more than 10000 points; fewer --grid-points");
    Param ep = space.params().get("epochs");
    if (ep != null) {
      for (Object v : ep.grid(2)) {
        if (!(v instanceof Number e) || e.doubleValue() < 1 || e.doubleValue() > maxEpochs)
          throw Shared.usage(
              spec, "--param epochs: values must be in [1, --max-epochs " + maxEpochs + "]");
      }
    }
    Param opt = space.params().get("optimizer");
    if (opt != null) {
      if (!(opt instanceof Param.Choice c))
        throw Shared.usage(spec, "--param optimizer takes choice(...), e.g. choice(sgd,adam)");
      for (Object v : c.values()) {
        try {
          TrainCommand.Opt.valueOf(String.valueOf(v));
        } catch (IllegalArgumentException e) {
          throw Shared.usage(
              spec,
              "--param optimizer: "
                  + v
                  + " is not one of "
                  + java.util.Arrays.toString(TrainCommand.Opt.values()));
        }
      }
    }
    for (var e : space.params().entrySet()) {
      String k = e.getKey();
      if (TRAIN_OPTIONS.contains(k) && !k.equals("optimizer")) {
        if (e.getValue() instanceof Param.Choice c && !c.numeric())
          throw Shared.usage(spec, "--param " + k + " takes numbers");
        boolean integer = k.equals("batch-size") || k.equals("epochs");
        if (integer
            && !(e.getValue() instanceof Param.IntRange)
            && !(e.getValue() instanceof Param.Choice))
          throw Shared.usage(spec, "--param " + k + " takes int(lo,hi) or choice(...)");
      }
    }
  }

  /** Every name must be a train option or a field of the spec; else the close ones are listed. */
  private void checkNames(SearchSpace space) {
    List<String> known = new ArrayList<>(TRAIN_OPTIONS);
    known.addAll(SpecEdit.names(specJson));
    for (String name : space.params().keySet()) {
      if (known.contains(name)) continue;
      List<String> close = SearchSpace.closest(name, known);
      throw Shared.usage(
          spec,
          "--param "
              + name
              + ": no train option and no field of "
              + (model != null ? model : "the default model")
              + " has this name"
              + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
              + " (train options: "
              + String.join(", ", TRAIN_OPTIONS)
              + "; spec fields: "
              + String.join(", ", SpecEdit.names(specJson))
              + ")");
    }
  }

  /** The searched spec fields of a configuration. */
  private static Map<String, Object> specPart(Map<String, Object> config) {
    Map<String, Object> m = new LinkedHashMap<>();
    config.forEach(
        (k, v) -> {
          if (!TRAIN_OPTIONS.contains(k)) m.put(k, v);
        });
    return m;
  }

  private Object editedSpec(Map<String, Object> config) {
    return SpecEdit.apply(specJson, specPart(config));
  }

  private Module build(Map<String, Object> config) {
    Object edited = editedSpec(config);
    Module m;
    try {
      m = ModelSpec.parse(Json.write(edited), new Rng(seed.seed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "configuration " + Report.config(config) + ": " + e.getMessage(), e);
    }
    m.outputShape(new int[] {2, inputs});
    return m;
  }

  private Run settings(Map<String, Object> c) {
    boolean small = data.tabular();
    TrainCommand.Opt opt =
        c.containsKey("optimizer")
            ? TrainCommand.Opt.valueOf(String.valueOf(c.get("optimizer")))
            : optimizer;
    boolean adamLike = opt == TrainCommand.Opt.adam || opt == TrainCommand.Opt.adamw;
    double rate =
        num(
            c,
            "lr",
            lr != null
                ? lr
                : adamLike || opt == TrainCommand.Opt.rmsprop ? 1e-3 : small ? 0.05 : 0.1);
    int batch = (int) num(c, "batch-size", batchSize != null ? batchSize : small ? 16 : 64);
    return new Run(
        opt,
        rate,
        batch,
        num(c, "momentum", momentum),
        num(c, "weight-decay", weightDecay),
        num(c, "label-smoothing", labelSmoothing),
        num(c, "clip-norm", clipNorm),
        (int) num(c, "epochs", maxEpochs));
  }

  private static double num(Map<String, Object> c, String k, double fallback) {
    return c.get(k) instanceof Number n ? n.doubleValue() : fallback;
  }

  /** Trains one job of a trial; the score is the validation accuracy after each epoch. */
  private double[] objective(Objective.Run job) throws IOException {
    Run r = settings(job.config());
    Module net = build(job.config());
    Optimizer opt = optimizer(r, net);
    CrossEntropyLoss loss = new CrossEntropyLoss().withLabelSmoothing(r.labelSmoothing());
    int to = search == Tuner.Search.hyperband ? job.to() : r.epochs();
    TrainConfig cfg = new TrainConfig(to, r.batch(), seed.seed).withClipNorm(r.clipNorm());
    if (job.save() != null) cfg = cfg.withCheckpoint(job.save(), to);
    Trainer trainer = new Trainer(net, loss, opt, cfg);
    List<Double> scores = new ArrayList<>();
    trainer.listen(
        e -> {
          if (e instanceof TrainEvent.EpochEnded end) scores.add(end.metrics().get("val_accuracy"));
        });
    if (job.from() > 0 && job.resume() != null && Files.exists(job.resume())) {
      Checkpoint c = Checkpoint.load(job.resume());
      if (c.epoch() == job.from()) trainer.resume(c);
    }
    trainer.fit(train, val);
    double[] s = new double[scores.size()];
    for (int i = 0; i < s.length; i++) s[i] = scores.get(i);
    if (search != Tuner.Search.hyperband && to != maxEpochs) {
      // --param epochs: the curve is as long as the trial's own epochs; pad to compare at the top
      double[] p = java.util.Arrays.copyOf(s, maxEpochs);
      java.util.Arrays.fill(p, s.length, maxEpochs, s[s.length - 1]);
      return p;
    }
    return s;
  }

  private static Optimizer optimizer(Run r, Module model) {
    return switch (r.optimizer()) {
      case sgd ->
          new SGD(r.lr())
              .withMomentum(r.momentum())
              .withWeightDecay(r.weightDecay())
              .create(model.parameters());
      case adam -> new Adam(r.lr()).withWeightDecay(r.weightDecay()).create(model.parameters());
      case adamw -> Adam.adamW(r.lr()).withWeightDecay(r.weightDecay()).create(model.parameters());
      case rmsprop ->
          new RMSprop(r.lr())
              .withMomentum(r.momentum())
              .withWeightDecay(r.weightDecay())
              .create(model.parameters());
      case adagrad ->
          new Adagrad(r.lr()).withWeightDecay(r.weightDecay()).create(model.parameters());
    };
  }

  /** What else decides a trial's result, so that a study is not resumed with other settings. */
  private Map<String, Object> fixed() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("data", data.describe());
    f.put("model", model == null ? "default" : model.toString());
    f.put("limit", limit == null ? 0 : limit);
    f.put("val_split", valSplit);
    Run r = settings(Map.of());
    f.put("optimizer", r.optimizer().name());
    f.put("lr", r.lr());
    f.put("batch_size", r.batch());
    f.put("momentum", r.momentum());
    f.put("weight_decay", r.weightDecay());
    f.put("label_smoothing", r.labelSmoothing());
    f.put("clip_norm", r.clipNorm());
    return f;
  }

  private void report(
      PrintWriter out, SearchSpace space, Tuner tuner, List<Trial> done, double seconds)
      throws IOException {
    long pruned = done.stream().filter(t -> t.pruned(maxEpochs)).count();
    long failed = done.stream().filter(t -> t.error() != null).count();
    out.printf(
        Locale.ROOT,
        "%n%s: %s, %d pruned, %d failed; %s trained in all (%s this run, %.0f s)%n",
        study,
        Shared.plural(done.size(), "trial"),
        pruned,
        failed,
        Shared.plural(tuner.epochs(), "epoch"),
        Shared.plural(tuner.jobsRun(), "job"),
        seconds);
    if (tuner.timedOut())
      out.println("stopped at --timeout " + Param.format(timeout) + " s; run again to continue");
    out.println("score: validation accuracy after the trial's last epoch");
    out.print(Report.table(done, maxEpochs, top));
    Trial best = Report.best(done, maxEpochs);
    String prefix = plots != null ? plots : stem(study);
    if (!done.isEmpty() && done.stream().anyMatch(t -> t.error() == null)) {
      Path pp = Path.of(prefix + "-params.png"), pc = Path.of(prefix + "-curves.png");
      TunePlots.params(pp, space.params(), done, maxEpochs, "validation accuracy");
      TunePlots.curves(pc, done, maxEpochs, "validation accuracy");
      out.println("plots: " + pp + ", " + pc);
    }
    if (best == null) {
      out.println("no trial ran all " + maxEpochs + " epochs yet");
      return;
    }
    out.printf(
        Locale.ROOT,
        "best: trial %d, validation accuracy %.2f%%: %s%n",
        best.id(),
        100 * best.score(),
        Report.config(best.config()));
    out.println("train it:");
    out.println("  " + trainCommand(best.config(), prefix));
    if (limit != null)
      out.println("  (the search trained on " + limit + " examples; train uses them all)");
  }

  /** The best configuration as a {@code ./dendrite train} command line. */
  private String trainCommand(Map<String, Object> config, String prefix) throws IOException {
    StringBuilder sb = new StringBuilder("./dendrite train");
    Map<String, Object> specPart = specPart(config);
    if (!specPart.isEmpty()) {
      Path best = Path.of(prefix + "-best.json");
      AtomicFiles.writeString(best, Json.pretty(editedSpec(config)));
      sb.append(" --model ").append(best);
    } else if (model != null) {
      sb.append(" --model ").append(model);
    }
    if (data.files.csv != null) sb.append(" --csv ").append(data.files.csv);
    else if (data.files.images != null) sb.append(" --images ").append(data.files.images);
    else sb.append(" --data ").append(data.data);
    Run r = settings(config);
    sb.append(" --optimizer ").append(r.optimizer());
    sb.append(" --lr ").append(Param.format(r.lr()));
    sb.append(" --batch-size ").append(r.batch());
    sb.append(" --epochs ").append(config.containsKey("epochs") ? r.epochs() : maxEpochs);
    if (r.momentum() != 0.9) sb.append(" --momentum ").append(Param.format(r.momentum()));
    if (r.weightDecay() != 0) sb.append(" --weight-decay ").append(Param.format(r.weightDecay()));
    if (r.labelSmoothing() != 0)
      sb.append(" --label-smoothing ").append(Param.format(r.labelSmoothing()));
    if (r.clipNorm() != 0) sb.append(" --clip-norm ").append(Param.format(r.clipNorm()));
    if (valSplit != 0.1) sb.append(" --val-split ").append(Param.format(valSplit));
    if (seed.seed != 1) sb.append(" --seed ").append(seed.seed);
    return sb.toString();
  }

  private static String stem(Path p) {
    String s = p.toString();
    return s.endsWith(".jsonl") ? s.substring(0, s.length() - 6) : s;
  }
}
