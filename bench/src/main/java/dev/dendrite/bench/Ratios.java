package dev.dendrite.bench;

import java.util.List;

/**
 * Dendrite against a peer at its strongest: for each measure, the peer's best setting for that
 * measure (the fastest, or for memory the smallest), and Dendrite's figure over it. Each ratio has
 * the setting it was taken against beside it, since the fastest trainer is not always the fastest
 * at inference.
 */
final class Ratios {
  /**
   * A measure: its field in the JSON lines, the short name of its ratio, and whether more is
   * better.
   */
  record Measure(String field, String name, boolean higherIsBetter) {}

  /** The measures of the training workloads. */
  static final List<Measure> TRAINING =
      List.of(
          new Measure("train_samples_per_s", "train", true),
          new Measure("train_steady_samples_per_s", "train_steady", true),
          new Measure("infer_samples_per_s", "infer", true),
          new Measure("infer_b1000_samples_per_s", "infer_b1000", true),
          new Measure("peak_rss_mb", "peak_rss", false));

  private Ratios() {}

  /** The line among {@code lines} with the best value of {@code m}; null if none has one. */
  static JsonLine best(List<JsonLine> lines, Measure m) {
    JsonLine best = null;
    for (JsonLine l : lines) {
      double v = l.number(m.field());
      if (!Double.isFinite(v)) continue;
      if (best == null
          || (m.higherIsBetter() ? v > best.number(m.field()) : v < best.number(m.field())))
        best = l;
    }
    return best;
  }

  /**
   * The ratio line: for each measure, {@code <name>_ratio} (Dendrite over the peer's best), {@code
   * <name>_peer} (that best figure) and {@code <name>_config} (the setting that gave it). Peak RSS
   * is a ratio of memory: below 1 means Dendrite used less.
   */
  static JsonLine line(JsonLine own, String peer, List<JsonLine> peerLines, List<Measure> ms) {
    JsonLine out =
        new JsonLine().put("bench", own.get("bench")).put("impl", "ratio").put("peer", peer);
    for (String k : List.of("batch", "threads", "epochs")) if (own.has(k)) out.put(k, own.get(k));
    for (Measure m : ms) {
      JsonLine b = best(peerLines, m);
      double mine = own.number(m.field());
      if (b == null || !Double.isFinite(mine)) continue;
      out.put(m.name() + "_ratio", mine / b.number(m.field()))
          .put(m.name() + "_peer", b.number(m.field()))
          .put(m.name() + "_config", b.text("config"));
    }
    return out;
  }
}
