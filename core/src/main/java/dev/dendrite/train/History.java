package dev.dendrite.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each epoch's metrics (Keras' {@code History}): the learning curves {@link Diagnosis} reads.
 */
public final class History implements TrainListener, Stateful {
  private final List<Map<String, Double>> epochs = new ArrayList<>();

  @Override
  public void on(TrainEvent e) {
    if (e instanceof TrainEvent.EpochEnded en) epochs.add(new LinkedHashMap<>(en.metrics()));
  }

  /** The archive metadata key under which {@code train --output} keeps the curves. */
  public static final String METADATA_KEY = "dendrite.history";

  /** The curves as JSON (a list of objects; non-finite values left out). */
  public static String toJson(List<Map<String, Double>> epochs) {
    List<Map<String, Double>> clean = new ArrayList<>();
    for (Map<String, Double> e : epochs) {
      Map<String, Double> m = new LinkedHashMap<>();
      e.forEach(
          (k, v) -> {
            if (v != null && Double.isFinite(v)) m.put(k, v);
          });
      clean.add(m);
    }
    return dev.dendrite.io.Json.write(clean);
  }

  /** Reads what {@link #toJson} wrote; a malformed text is an error saying what is wrong. */
  public static List<Map<String, Double>> parse(String json) {
    if (!(dev.dendrite.io.Json.parse(json) instanceof List<?> l))
      throw new IllegalArgumentException(METADATA_KEY + " is not a list");
    List<Map<String, Double>> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> m))
        throw new IllegalArgumentException(METADATA_KEY + " holds " + o + ", not an object");
      Map<String, Double> e = new LinkedHashMap<>();
      m.forEach(
          (k, v) -> {
            if (!(v instanceof Number n))
              throw new IllegalArgumentException(METADATA_KEY + ": " + k + " is " + v);
            e.put(String.valueOf(k), n.doubleValue());
          });
      out.add(e);
    }
    return out;
  }

  @Override
  public String key() {
    return "history";
  }

  /**
   * The curves so far, so that a resumed run's history (and the archive that keeps it) is the whole
   * run's: each value under "epoch.position.metric", which keeps the metrics' order.
   */
  @Override
  public Map<String, Double> state() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < epochs.size(); i++) {
      int j = 0;
      for (var e : epochs.get(i).entrySet())
        if (e.getValue() != null && Double.isFinite(e.getValue()))
          m.put(i + "." + j++ + "." + e.getKey(), e.getValue());
    }
    m.put("epochs", (double) epochs.size());
    return m;
  }

  @Override
  public void restore(Map<String, Double> state) {
    int n = state.getOrDefault("epochs", 0.0).intValue();
    List<java.util.TreeMap<Integer, Map.Entry<String, Double>>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) rows.add(new java.util.TreeMap<>());
    state.forEach(
        (k, v) -> {
          String[] p = k.split("\\.", 3);
          if (p.length < 3) return;
          int i = Integer.parseInt(p[0]);
          if (i < n) rows.get(i).put(Integer.parseInt(p[1]), Map.entry(p[2], v));
        });
    epochs.clear();
    for (var row : rows) {
      Map<String, Double> e = new LinkedHashMap<>();
      row.values().forEach(x -> e.put(x.getKey(), x.getValue()));
      epochs.add(e);
    }
  }

  /** The metrics of each epoch seen, oldest first. */
  public List<Map<String, Double>> epochs() {
    return List.copyOf(epochs);
  }
}
