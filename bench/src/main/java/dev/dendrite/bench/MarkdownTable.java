package dev.dendrite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of docs/benchmarks.md, from the JSON lines of {@code bench <workload> --peer ...}: per
 * workload, Dendrite's row, each peer's best setting per column (the setting named beside its
 * figure), and Dendrite over that best. Training is given for the whole run and the steady state,
 * inference at the training batch and at batch 1,000, and the peak RSS, whose ratio below 1 means
 * Dendrite used less memory.
 */
final class MarkdownTable {
  private final List<String> rows = new ArrayList<>();

  /** The header for a table of workloads trained at {@code batch}. */
  static String header(int batch) {
    return "| workload | run | training, whole run | training, steady state | inference, batch "
        + batch
        + " | inference, batch 1,000 | peak RSS |\n"
        + "|---|---|---|---|---|---|---|";
  }

  /**
   * Adds one workload's rows from the lines its command printed: the {@code dendrite} line, the
   * peers' lines and their {@code ratio} lines. A workload with no Dendrite line gets one row
   * saying so.
   */
  void add(String workload, List<JsonLine> lines) {
    JsonLine own = null;
    for (JsonLine l : lines) if ("dendrite".equals(l.get("impl"))) own = l;
    if (own == null) {
      rows.add("| " + workload + " | (no result) | — | — | — | — | — |");
      return;
    }
    rows.add(
        "| "
            + workload
            + " | Dendrite ("
            + own.text("config")
            + ") | "
            + String.join(" | ", figures(own))
            + " |");
    List<String> peers = new ArrayList<>();
    for (JsonLine l : lines)
      if (l.has("peer") && !peers.contains(l.text("peer"))) peers.add(l.text("peer"));
    for (String peer : peers) {
      List<JsonLine> mine = new ArrayList<>();
      JsonLine ratio = null;
      for (JsonLine l : lines) {
        if (!peer.equals(l.text("peer"))) continue;
        if ("ratio".equals(l.get("impl"))) ratio = l;
        else mine.add(l);
      }
      if (mine.isEmpty()) continue;
      List<String> best = new ArrayList<>(), ratios = new ArrayList<>();
      for (Ratios.Measure m : Ratios.TRAINING) {
        JsonLine b = Ratios.best(mine, m);
        best.add(b == null ? "—" : value(m, b.number(m.field())) + " (" + b.text("config") + ")");
        double r = b == null ? Double.NaN : ratioOf(own, b, m, ratio);
        ratios.add(Double.isFinite(r) ? String.format(Locale.ROOT, "**%.2f**", r) : "—");
      }
      String name = mine.get(0).text("impl");
      rows.add("| | " + name + ", best setting | " + String.join(" | ", best) + " |");
      rows.add("| | Dendrite / " + name + " | " + String.join(" | ", ratios) + " |");
    }
  }

  /** The ratio the command printed, or (for older lines without it) Dendrite's over the best. */
  private static double ratioOf(JsonLine own, JsonLine best, Ratios.Measure m, JsonLine ratio) {
    if (ratio != null && ratio.has(m.name() + "_ratio")) return ratio.number(m.name() + "_ratio");
    return own.number(m.field()) / best.number(m.field());
  }

  private static List<String> figures(JsonLine l) {
    List<String> out = new ArrayList<>();
    for (Ratios.Measure m : Ratios.TRAINING) out.add(value(m, l.number(m.field())));
    return out;
  }

  /** Rates in samples per second (k above 1,000), memory in MB; "—" for none. */
  static String value(Ratios.Measure m, double v) {
    if (!Double.isFinite(v)) return "—";
    if (!m.higherIsBetter()) return String.format(Locale.ROOT, "%,.0f MB", v);
    return v >= 1000
        ? String.format(Locale.ROOT, "%.1f k/s", v / 1000)
        : String.format(Locale.ROOT, "%.0f /s", v);
  }

  /** The header and every row added so far. */
  String render(int batch) {
    return header(batch) + "\n" + String.join("\n", rows) + "\n";
  }
}
