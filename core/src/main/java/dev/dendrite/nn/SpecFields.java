package dev.dendrite.nn;

import java.util.List;
import java.util.Map;

/**
 * A layer's fields in a JSON model spec, read with errors that name the layer ({@code where}).
 * {@code nested} builds a layer's sub-modules (a cell, a direction) from their own specs.
 */
public record SpecFields(String where, Map<?, ?> map, Nested nested) {
  /** Builds a module from a nested spec; {@code where} names it in errors. */
  @FunctionalInterface
  public interface Nested {
    Module build(Object spec, String where);
  }

  public int integer(String key) {
    return toInt(map.get(key), "\"" + key + "\"");
  }

  /** {@code v} as an int; anything else (a fraction, text, a number beyond int) names the field. */
  private int toInt(Object v, String field) {
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException(where + ": " + field + " must be an integer, got " + v);
    }
    // intValue() would wrap 4294967300 to 4 silently.
    if (n.doubleValue() < Integer.MIN_VALUE || n.doubleValue() > Integer.MAX_VALUE)
      throw new IllegalArgumentException(
          where
              + ": "
              + field
              + " = "
              + v
              + " is out of range (at most "
              + Integer.MAX_VALUE
              + ")");
    return n.intValue();
  }

  public int integer(String key, int dflt) {
    return map.containsKey(key) ? integer(key) : dflt;
  }

  public double number(String key, double dflt) {
    Object v = map.get(key);
    if (v == null) return dflt;
    if (!(v instanceof Number n))
      throw new IllegalArgumentException(where + ": \"" + key + "\" must be a number, got " + v);
    return n.doubleValue();
  }

  public boolean bool(String key, boolean dflt) {
    Object v = map.get(key);
    if (v == null) return dflt;
    if (!(v instanceof Boolean b))
      throw new IllegalArgumentException(
          where + ": \"" + key + "\" must be true or false, got " + v);
    return b;
  }

  public String string(String key, String dflt) {
    Object v = map.get(key);
    if (v == null) return dflt;
    if (!(v instanceof String s))
      throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string, got " + v);
    return s;
  }

  public List<?> list(String key) {
    if (!(map.get(key) instanceof List<?> l))
      throw new IllegalArgumentException(
          where + ": \"" + key + "\" must be a list, got " + map.get(key));
    return l;
  }

  /** The integers of list {@code key}. */
  public int[] ints(String key) {
    List<?> l = list(key);
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = toInt(l.get(i), "\"" + key + "\"[" + i + "]");
    return a;
  }

  /** A (height, width) pair written as one integer or a list of two. */
  public int[] pair(String key) {
    if (!(map.get(key) instanceof List<?>)) return new int[] {integer(key), integer(key)};
    int[] p = ints(key);
    if (p.length != 2)
      throw new IllegalArgumentException(
          where + ": \"" + key + "\" must be one integer or a list of two, got " + map.get(key));
    return p;
  }

  /** {@link #pair(String)}, or {@code (def, def)} when the field is absent. */
  public int[] pair(String key, int[] def) {
    return map.containsKey(key) ? pair(key) : def.clone();
  }

  /** The sub-module whose spec is field {@code key}. */
  public Module module(String key) {
    return nested.build(map.get(key), where + " " + key);
  }
}
