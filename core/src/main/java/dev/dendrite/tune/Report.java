package dev.dendrite.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ranked results table of a search. */
public final class Report {
  private Report() {}

  /** {@code lr=0.00312 dropout=0.21}. */
  public static String config(Map<String, Object> config) {
    StringBuilder sb = new StringBuilder();
    config.forEach(
        (k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(Param.format(v)));
    return sb.toString();
  }

  /**
   * Trials best first: those that reached {@code maxEpochs} by their final score, then pruned ones
   * by theirs, failed ones last.
   */
  public static List<Trial> ranked(List<Trial> trials, int maxEpochs) {
    List<Trial> r = new ArrayList<>(trials);
    r.sort(
        Comparator.comparingInt((Trial t) -> t.error() != null ? 2 : t.pruned(maxEpochs) ? 1 : 0)
            .thenComparing(Comparator.comparingDouble(Trial::score).reversed())
            .thenComparingInt(Trial::id));
    return r;
  }

  /** The best trial that ran all {@code maxEpochs}, or null if none did. */
  public static Trial best(List<Trial> trials, int maxEpochs) {
    List<Trial> r = ranked(trials, maxEpochs);
    return r.isEmpty() || r.getFirst().error() != null || r.getFirst().pruned(maxEpochs)
        ? null
        : r.getFirst();
  }

  /** The first {@code top} ranked trials as a table, one row each, with each parameter's column. */
  public static String table(List<Trial> trials, int maxEpochs, int top) {
    List<Trial> r = ranked(trials, maxEpochs);
    List<String> names = new ArrayList<>();
    for (Trial t : r) for (String k : t.config().keySet()) if (!names.contains(k)) names.add(k);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "%4s %6s %8s %7s %8s", "rank", "trial", "score", "epochs", "time"));
    int[] w = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      w[i] = Math.max(10, names.get(i).length());
      sb.append(' ').append(pad(names.get(i), w[i]));
    }
    sb.append("  state\n");
    for (int i = 0; i < Math.min(top, r.size()); i++) {
      Trial t = r.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "%4d %6d %8s %7d %7.1fs",
              i + 1,
              t.id(),
              t.error() != null ? "-" : String.format(Locale.ROOT, "%.4f", t.score()),
              t.epochs(),
              t.seconds()));
      for (int k = 0; k < names.size(); k++) {
        Object v = t.config().get(names.get(k));
        sb.append(' ').append(pad(v == null ? "" : Param.format(v), w[k]));
      }
      sb.append("  ")
          .append(t.error() != null ? "failed" : t.pruned(maxEpochs) ? "pruned" : "complete")
          .append('\n');
    }
    if (r.size() > top) sb.append("  ... ").append(r.size() - top).append(" more\n");
    return sb.toString();
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
  }
}
