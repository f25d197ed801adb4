package dev.dendrite.rl.agent.deep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent's hyper-parameters under Stable-Baselines3's names ({@code learning_rate}, {@code
 * gamma}, {@code batch_size}, ...), each with its allowed range. Values are kept as strings-free
 * numbers (booleans as 0 or 1) so that they round-trip through an archive's metadata unchanged.
 */
public final class HyperParameters {
  /** What kind of value a parameter takes. */
  public enum Kind {
    INT,
    REAL,
    BOOL
  }

  /**
   * One parameter: its name, kind, default and allowed range {@code [min, max]} (bounds excluded
   * where {@code minOpen} / {@code maxOpen}).
   */
  public record Def(
      String name,
      Kind kind,
      double defaultValue,
      double min,
      boolean minOpen,
      double max,
      boolean maxOpen,
      String help) {
    /** The range as written in an error, such as {@code [0, 1]} or {@code (0, inf)}. */
    public String range() {
      if (kind == Kind.BOOL) return "true or false";
      return (minOpen ? "(" : "[") + num(min) + ", " + num(max) + (maxOpen ? ")" : "]");
    }

    boolean allows(double v) {
      if (kind == Kind.BOOL) return v == 0 || v == 1;
      if (Double.isNaN(v)) return false;
      if (kind == Kind.INT && v != Math.rint(v)) return false;
      return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
    }
  }

  private final String agent;
  private final Map<String, Def> defs = new LinkedHashMap<>();
  private final Map<String, Double> values = new LinkedHashMap<>();

  HyperParameters(String agent, List<Def> defs) {
    this.agent = agent;
    for (Def d : defs) {
      this.defs.put(d.name(), d);
      values.put(d.name(), d.defaultValue());
    }
  }

  static Def real(String name, double def, double min, double max, String help) {
    return new Def(name, Kind.REAL, def, min, false, max, false, help);
  }

  static Def positive(String name, double def, String help) {
    return new Def(name, Kind.REAL, def, 0, true, Double.POSITIVE_INFINITY, true, help);
  }

  static Def integer(String name, double def, double min, double max, String help) {
    return new Def(name, Kind.INT, def, min, false, max, false, help);
  }

  static Def bool(String name, boolean def, String help) {
    return new Def(name, Kind.BOOL, def ? 1 : 0, 0, false, 1, false, help);
  }

  /** The agent these belong to. */
  public String agent() {
    return agent;
  }

  /** The definitions, in declaration order. */
  public List<Def> defs() {
    return List.copyOf(defs.values());
  }

  /** The current values by name, in declaration order. */
  public Map<String, Double> values() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * Sets one parameter from text ({@code 0.99}, {@code 1e-3}, {@code 64}, {@code true}).
   *
   * @throws IllegalArgumentException naming the parameter and its allowed range, or the known names
   *     for an unknown one
   */
  public HyperParameters set(String name, String text) {
    Def d = def(name);
    double v;
    String t = text.trim();
    if (d.kind() == Kind.BOOL && (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")))
      v = t.equalsIgnoreCase("true") ? 1 : 0;
    else {
      try {
        v = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            agent + ": " + name + " must be " + kindName(d) + " in " + d.range() + ", got " + text);
      }
    }
    return set(name, v);
  }

  /** Sets one parameter, checking its range. */
  public HyperParameters set(String name, double v) {
    Def d = def(name);
    if (!d.allows(v))
      throw new IllegalArgumentException(
          agent + ": " + name + " must be " + kindName(d) + " in " + d.range() + ", got " + num(v));
    values.put(name, v);
    return this;
  }

  /** Applies {@code name=value} settings in order. */
  public HyperParameters setAll(Map<String, String> settings) {
    for (var e : settings.entrySet()) set(e.getKey(), e.getValue());
    return this;
  }

  private Def def(String name) {
    Def d = defs.get(name);
    if (d == null)
      throw new IllegalArgumentException(
          agent
              + ": unknown hyper-parameter '"
              + name
              + "'; known: "
              + String.join(", ", defs.keySet()));
    return d;
  }

  private static String kindName(Def d) {
    return switch (d.kind()) {
      case INT -> "an integer";
      case REAL -> "a number";
      case BOOL -> "true or false";
    };
  }

  double get(String name) {
    Double v = values.get(name);
    if (v == null) throw new IllegalStateException(agent + ": no hyper-parameter " + name);
    return v;
  }

  int getInt(String name) {
    return (int) get(name);
  }

  boolean getBool(String name) {
    return get(name) != 0;
  }

  /** The values as text, for an archive's metadata and for display. */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    for (var e : values.entrySet()) {
      Def d = defs.get(e.getKey());
      m.put(
          e.getKey(),
          d.kind() == Kind.BOOL ? Boolean.toString(e.getValue() != 0) : num(e.getValue()));
    }
    return m;
  }

  /** One line per parameter: name, default, range, meaning. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Def d : defs.values())
      lines.add(
          String.format(
              Locale.ROOT,
              "%-24s %-10s %-14s %s",
              d.name(),
              asText().get(d.name()),
              d.range(),
              d.help()));
    return lines;
  }

  static String num(double v) {
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return agent + asText();
  }
}
