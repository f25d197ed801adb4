package dev.dendrite.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters that are fields of a model spec (the JSON of {@link dev.dendrite.io.ModelSpec}).
 * Three ways to name one:
 *
 * <ul>
 *   <li>a path from the model object, e.g. {@code layers.1.out} (layer 1's {@code out}), or {@code
 *       layers.2.p};
 *   <li>a layer type in lower case and a field, e.g. {@code dropout.p}: that field of every layer
 *       of the type; a type alone ({@code dropout}) when its layers have exactly one field;
 *   <li>{@code activation}: the type of every parameterless activation layer (ReLU, Tanh, GELU
 *       ...), e.g. {@code activation=choice(ReLU,Tanh)}.
 * </ul>
 *
 * A new {@code out} of a Linear (or Conv2d) also becomes the {@code in} of the next layer of the
 * same type in the same Sequential when only activations, dropout or pooling lie between, so that a
 * width can be searched without naming both ends.
 */
public final class SpecEdit {
  /** Activation layers without fields, whose type {@code activation} swaps. */
  public static final Set<String> ACTIVATIONS =
      Set.of("ReLU", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "Softplus");

  private static final Set<String> PASS_WIDTH =
      Set.of(
          "ReLU",
          "Tanh",
          "Sigmoid",
          "GELU",
          "SiLU",
          "ELU",
          "Softplus",
          "LeakyReLU",
          "Dropout",
          "Dropout2d",
          "AlphaDropout",
          "GaussianNoise",
          "MaxPool2d",
          "AvgPool2d");

  private SpecEdit() {}

  /** The model object of a spec file's JSON ({@code {"model": {...}}} or the model itself). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Object spec) {
    if (spec instanceof Map<?, ?> m && m.get("model") instanceof Map<?, ?> inner)
      return (Map<String, Object>) inner;
    if (spec instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new IllegalArgumentException("a model spec is a JSON object");
  }

  /** Every name {@code spec} offers, paths first, for listing and for "did you mean". */
  public static List<String> names(Object spec) {
    List<String> out = new ArrayList<>();
    paths(model(spec), "", out);
    Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
    layers(model(spec), byType);
    boolean activations = false;
    for (var e : byType.entrySet()) {
      String t = e.getKey().toLowerCase(Locale.ROOT);
      List<String> fields = fields(e.getValue());
      if (fields.size() == 1) out.add(t);
      for (String f : fields) out.add(t + "." + f);
      if (ACTIVATIONS.contains(e.getKey())) activations = true;
    }
    if (activations) out.add("activation");
    return out;
  }

  /** Whether {@code name} is one of {@link #names}. */
  public static boolean has(Object spec, String name) {
    return names(spec).contains(name);
  }

  /** A copy of {@code spec} with each named field set to its value; unknown names are errors. */
  public static Object apply(Object spec, Map<String, Object> values) {
    Object copy = copy(spec);
    Map<String, Object> root = model(copy);
    for (var e : values.entrySet()) set(root, e.getKey(), e.getValue());
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> root, String name, Object value) {
    if (name.equals("activation")) {
      if (!(value instanceof String s) || !ACTIVATIONS.contains(s))
        throw new IllegalArgumentException(
            "activation: " + value + " is not one of " + ACTIVATIONS.stream().sorted().toList());
      Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
      layers(root, byType);
      for (var e : byType.entrySet())
        if (ACTIVATIONS.contains(e.getKey()))
          for (Map<String, Object> l : e.getValue()) if (l.size() == 1) l.put("type", s);
      return;
    }
    String[] parts = name.split("\\.");
    if (parts[0].equals("layers") || root.containsKey(parts[0])) {
      Object at = root, parent = null;
      for (int i = 0; i < parts.length - 1; i++) {
        parent = at;
        at = step(at, parts[i], name);
      }
      String last = parts[parts.length - 1];
      if (!(at instanceof Map<?, ?> m) || !m.containsKey(last) || last.equals("type"))
        throw new IllegalArgumentException("the model spec has no field " + name);
      Map<String, Object> layer = (Map<String, Object>) m;
      layer.put(last, value);
      if (last.equals("out") && parent instanceof List<?> list && parts.length >= 2)
        propagate((List<Object>) list, Integer.parseInt(parts[parts.length - 2]), value);
      return;
    }
    Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
    layers(root, byType);
    for (var e : byType.entrySet()) {
      String t = e.getKey().toLowerCase(Locale.ROOT);
      List<String> fields = fields(e.getValue());
      String field =
          name.equals(t) && fields.size() == 1
              ? fields.getFirst()
              : name.startsWith(t + ".") && fields.contains(name.substring(t.length() + 1))
                  ? name.substring(t.length() + 1)
                  : null;
      if (field == null) continue;
      for (Map<String, Object> l : e.getValue()) if (l.containsKey(field)) l.put(field, value);
      return;
    }
    throw new IllegalArgumentException("the model spec has no field " + name);
  }

  /** The next layer of the same type after index {@code i}, past width-preserving layers. */
  @SuppressWarnings("unchecked")
  private static void propagate(List<Object> layers, int i, Object width) {
    if (!(layers.get(i) instanceof Map<?, ?> from)) return;
    Object type = from.get("type");
    if (!"Linear".equals(type) && !"Conv2d".equals(type)) return;
    for (int j = i + 1; j < layers.size(); j++) {
      if (!(layers.get(j) instanceof Map<?, ?> next)) return;
      if (type.equals(next.get("type")) && next.containsKey("in")) {
        ((Map<String, Object>) next).put("in", width);
        return;
      }
      if (!PASS_WIDTH.contains(String.valueOf(next.get("type")))) return;
    }
  }

  private static Object step(Object at, String part, String name) {
    if (at instanceof Map<?, ?> m && m.containsKey(part)) return m.get(part);
    if (at instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size())
      return l.get(Integer.parseInt(part));
    throw new IllegalArgumentException("the model spec has no field " + name);
  }

  private static void paths(Object at, String prefix, List<String> out) {
    if (at instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (k.equals("type")) continue;
        Object v = e.getValue();
        String p = prefix.isEmpty() ? k : prefix + "." + k;
        if (v instanceof Number || v instanceof String || v instanceof Boolean) out.add(p);
        else paths(v, p, out);
      }
    } else if (at instanceof List<?> l) {
      boolean scalars = l.stream().allMatch(x -> x instanceof Number);
      if (scalars) return; // a shape such as [1, 28, 28] is not searched element by element
      for (int i = 0; i < l.size(); i++) paths(l.get(i), prefix + "." + i, out);
    }
  }

  @SuppressWarnings("unchecked")
  private static void layers(Object at, Map<String, List<Map<String, Object>>> byType) {
    if (at instanceof Map<?, ?> m) {
      if (m.get("type") instanceof String t && !t.equals("Sequential"))
        byType.computeIfAbsent(t, k -> new ArrayList<>()).add((Map<String, Object>) m);
      for (Object v : m.values()) layers(v, byType);
    } else if (at instanceof List<?> l) {
      for (Object v : l) layers(v, byType);
    }
  }

  /** The scalar fields every layer of a type has, in order. */
  private static List<String> fields(List<Map<String, Object>> layers) {
    List<String> f = new ArrayList<>();
    for (var e : layers.getFirst().entrySet()) {
      Object v = e.getValue();
      if (e.getKey().equals("type")) continue;
      if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) continue;
      if (layers.stream().allMatch(l -> l.containsKey(e.getKey()))) f.add(e.getKey());
    }
    return f;
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach((k, x) -> c.put((String) k, copy(x)));
      return c;
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      for (Object x : l) c.add(copy(x));
      return c;
    }
    return v;
  }
}
