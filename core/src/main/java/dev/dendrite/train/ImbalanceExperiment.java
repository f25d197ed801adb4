package dev.dendrite.train;

import dev.dendrite.data.ClassWeights;
import dev.dendrite.data.Labeled;
import dev.dendrite.data.Oversampler;
import dev.dendrite.data.WeightedRandomSampler;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.loss.CrossEntropyLoss;
import dev.dendrite.nn.loss.FocalLoss;
import dev.dendrite.nn.loss.Loss;
import dev.dendrite.optim.Adam;
import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What each remedy for imbalanced classes buys: a training set cut to {@code perClass} images per
 * class, some classes further cut to {@code fraction} of theirs, trained with the same MLP,
 * optimiser and epochs under each {@link Remedy}, and scored by per-class recall on the (balanced)
 * test set. Per seed the subset, the cut, the initial weights and the batch order change; within a
 * seed every remedy starts from the same weights and sees the same images.
 */
public final class ImbalanceExperiment {
  /** A remedy under comparison. */
  public enum Remedy {
    NONE("no remedy"),
    CLASS_WEIGHTS("class weights (balanced)"),
    OVERSAMPLING("oversampling"),
    WEIGHTED_SAMPLER("weighted sampler"),
    FOCAL("focal loss (γ=2)");

    public final String label;

    Remedy(String label) {
      this.label = label;
    }
  }

  /**
   * The settings.
   *
   * @param perClass training images per class before the cut
   * @param minority the classes cut
   * @param fraction the share of their images the minority classes keep
   * @param hidden the MLP's hidden width
   * @param epochs epochs per run
   * @param seeds the number of seeds (1, 2, …)
   */
  public record Config(
      int perClass, int[] minority, double fraction, int hidden, int epochs, int seeds) {}

  /** Per remedy, per seed, per class: the test recall; and the test accuracy per remedy, seed. */
  public record Result(Remedy[] remedies, double[][][] recall, double[][] accuracy) {
    /** Mean and sample standard deviation of a remedy's recall of class {@code c} over seeds. */
    public double[] recall(int remedy, int c) {
      double[] v = new double[recall[remedy].length];
      for (int s = 0; s < v.length; s++) v[s] = recall[remedy][s][c];
      return meanStd(v);
    }

    public double[] accuracy(int remedy) {
      return meanStd(accuracy[remedy]);
    }
  }

  private ImbalanceExperiment() {}

  /** Runs every remedy for every seed; {@code progress} hears each finished run's number. */
  public static Result run(Labeled train, Labeled test, Config cfg, IntConsumer progress) {
    Remedy[] rs = Remedy.values();
    int classes = train.classes().size();
    double[][][] recall = new double[rs.length][cfg.seeds()][classes];
    double[][] acc = new double[rs.length][cfg.seeds()];
    int done = 0;
    for (int s = 0; s < cfg.seeds(); s++) {
      long seed = 1000L + s;
      Labeled data = imbalanced(train, cfg, seed);
      for (int r = 0; r < rs.length; r++) {
        Module m = mlp(train.features().size(1), cfg.hidden(), classes, seed);
        Loss loss =
            switch (rs[r]) {
              case CLASS_WEIGHTS ->
                  new CrossEntropyLoss().withWeight(ClassWeights.balanced(data.labels(), classes));
              case FOCAL -> new FocalLoss();
              default -> new CrossEntropyLoss();
            };
        Trainer t =
            new Trainer(
                m,
                loss,
                new Adam(1e-3).create(m.parameters()),
                new TrainConfig(cfg.epochs(), 64, seed));
        if (rs[r] == Remedy.OVERSAMPLING) t.sample(new Oversampler(data.labels(), classes));
        if (rs[r] == Remedy.WEIGHTED_SAMPLER)
          t.sample(WeightedRandomSampler.balanced(data.labels(), classes));
        t.fit(data, null);
        ConfusionMatrix cm = Trainer.evaluate(m, new CrossEntropyLoss(), test, 500).confusion();
        for (int c = 0; c < classes; c++) recall[r][s][c] = cm.recall(c);
        acc[r][s] = cm.accuracy();
        progress.accept(++done);
      }
    }
    return new Result(rs, recall, acc);
  }

  /** {@code perClass} images of each class, the minority classes cut to {@code fraction}. */
  static Labeled imbalanced(Labeled train, Config cfg, long seed) {
    int classes = train.classes().size();
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    new Rng(seed).shuffle(order);
    int[] keep = new int[classes];
    for (int c = 0; c < classes; c++) keep[c] = cfg.perClass();
    for (int c : cfg.minority())
      keep[c] = Math.max(1, (int) Math.round(cfg.perClass() * cfg.fraction()));
    List<Integer> rows = new ArrayList<>();
    int[] taken = new int[classes];
    for (int i : order) {
      int c = train.labels()[i];
      if (taken[c] < keep[c]) {
        taken[c]++;
        rows.add(i);
      }
    }
    int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(r); // the trainer shuffles; keep the subset's own order plain
    return train.subset(r);
  }

  private static Module mlp(int in, int hidden, int classes, long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(
        new Linear(in, hidden, rng), new ReLU(), new Linear(hidden, classes, rng));
  }

  static double[] meanStd(double[] v) {
    double m = 0;
    for (double x : v) m += x / v.length;
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return new double[] {m, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
  }
}
