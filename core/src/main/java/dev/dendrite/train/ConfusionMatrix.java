package dev.dendrite.train;

import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, and the metrics derived from them: accuracy, and
 * per class precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2·P·R/(P+R) (0 where undefined, as
 * scikit-learn's zero_division=0).
 */
public final class ConfusionMatrix {
  private final long[][] counts; // [true][predicted]
  private final List<String> names;

  public ConfusionMatrix(List<String> classNames) {
    this.names = List.copyOf(classNames);
    this.counts = new long[names.size()][names.size()];
  }

  public ConfusionMatrix(int classes) {
    this(java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList());
  }

  public int classes() {
    return names.size();
  }

  public void add(int truth, int predicted) {
    if (truth < 0 || truth >= classes() || predicted < 0 || predicted >= classes()) {
      throw new IllegalArgumentException(
          "confusion matrix: class "
              + truth
              + " or prediction "
              + predicted
              + " outside [0, "
              + classes()
              + ")");
    }
    counts[truth][predicted]++;
  }

  public void addAll(int[] truth, int[] predicted) {
    if (truth.length != predicted.length)
      throw new IllegalArgumentException(
          truth.length + " labels but " + predicted.length + " predictions");
    for (int i = 0; i < truth.length; i++) add(truth[i], predicted[i]);
  }

  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  public long total() {
    long n = 0;
    for (long[] r : counts) for (long c : r) n += c;
    return n;
  }

  public double accuracy() {
    long right = 0;
    for (int c = 0; c < classes(); c++) right += counts[c][c];
    long n = total();
    return n == 0 ? 0 : (double) right / n;
  }

  public double precision(int c) {
    long tp = counts[c][c], col = 0;
    for (long[] r : counts) col += r[c];
    return col == 0 ? 0 : (double) tp / col;
  }

  public double recall(int c) {
    long tp = counts[c][c], row = 0;
    for (long v : counts[c]) row += v;
    return row == 0 ? 0 : (double) tp / row;
  }

  public double f1(int c) {
    double p = precision(c), r = recall(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Unweighted mean of the per-class F1 scores. */
  public double macroF1() {
    double s = 0;
    for (int c = 0; c < classes(); c++) s += f1(c);
    return s / classes();
  }

  /** The matrix and a per-class report, as text. */
  @Override
  public String toString() {
    int w = 9;
    for (int c = 0; c < names.size(); c++) w = Math.max(w, (c + " " + names.get(c)).length());
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-" + w + "s", "true\\pred"));
    for (int c = 0; c < classes(); c++) sb.append(String.format(Locale.ROOT, " %6d", c));
    sb.append(String.format(Locale.ROOT, "   %9s %6s %6s%n", "precision", "recall", "f1"));
    for (int t = 0; t < classes(); t++) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s", t + " " + names.get(t)));
      for (int p = 0; p < classes(); p++)
        sb.append(String.format(Locale.ROOT, " %6d", counts[t][p]));
      sb.append(
          String.format(Locale.ROOT, "   %9.3f %6.3f %6.3f%n", precision(t), recall(t), f1(t)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "accuracy %.4f, macro F1 %.4f over %d examples%n",
            accuracy(),
            macroF1(),
            total()));
    return sb.toString();
  }
}
