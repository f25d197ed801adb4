package dev.dendrite.bench;

import dev.dendrite.kernels.CpuInfo;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat JSON object, built field by field (or parsed from a peer's output) and printed on one
 * line. A line always names the CPU that produced it: one without a {@code cpu} field gets this
 * machine's model name when printed.
 */
final class JsonLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  JsonLine put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** The value of {@code key}: a String, Long, Double, Boolean, or null when absent or null. */
  Object get(String key) {
    return fields.get(key);
  }

  boolean has(String key) {
    return fields.get(key) != null;
  }

  /** The numeric value of {@code key}, or NaN when it is absent, null or not a number. */
  double number(String key) {
    return fields.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The value of {@code key} as text, or "" when absent or null. */
  String text(String key) {
    Object v = fields.get(key);
    return v == null ? "" : v instanceof Double d ? format(d) : v.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    Map<String, Object> all = fields;
    if (!fields.containsKey("cpu")) {
      all = new LinkedHashMap<>(fields);
      all.put("cpu", CpuInfo.current().model());
    }
    for (var e : all.entrySet()) {
      if (sb.length() > 1) sb.append(", ");
      sb.append(quote(e.getKey())).append(": ");
      Object v = e.getValue();
      if (v instanceof String s) sb.append(quote(s));
      else if (v instanceof Double d) sb.append(Double.isFinite(d) ? format(d) : "null");
      else sb.append(v);
    }
    return sb.append('}').toString();
  }

  /** Four significant digits, never in exponent notation: 18170, 0.04270. */
  private static String format(double d) {
    return new BigDecimal(d).round(new MathContext(4)).toPlainString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Parses one flat JSON object (string, number, true, false and null values; no nesting), as the
   * peers' scripts print it. Integers become Long, other numbers Double.
   *
   * @throws IllegalArgumentException naming the line, when it is not such an object
   */
  static JsonLine parse(String text) {
    JsonLine out = new JsonLine();
    String s = text.strip();
    int[] at = {0};
    try {
      expect(s, at, '{');
      skipSpace(s, at);
      if (s.charAt(at[0]) == '}') return out;
      while (true) {
        skipSpace(s, at);
        String key = string(s, at);
        skipSpace(s, at);
        expect(s, at, ':');
        skipSpace(s, at);
        out.put(key, value(s, at));
        skipSpace(s, at);
        char c = s.charAt(at[0]++);
        if (c == '}') break;
        if (c != ',') throw new IllegalArgumentException("expected , or } at " + (at[0] - 1));
      }
      if (at[0] != s.length()) throw new IllegalArgumentException("text after the object");
    } catch (StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a flat JSON object (cut short): " + text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a flat JSON object (" + e.getMessage() + "): " + text);
    }
    return out;
  }

  private static Object value(String s, int[] at) {
    char c = s.charAt(at[0]);
    if (c == '"') return string(s, at);
    for (String word : new String[] {"true", "false", "null"}) {
      if (s.startsWith(word, at[0])) {
        at[0] += word.length();
        return word.equals("null") ? null : Boolean.valueOf(word);
      }
    }
    if (s.startsWith("NaN", at[0])) { // Python's json.dumps writes NaN for float('nan')
      at[0] += 3;
      return Double.NaN;
    }
    int from = at[0];
    while (at[0] < s.length() && "0123456789+-.eE".indexOf(s.charAt(at[0])) >= 0) at[0]++;
    String num = s.substring(from, at[0]);
    if (num.isEmpty()) throw new IllegalArgumentException("no value at " + from);
    try {
      return num.matches("-?[0-9]+") ? (Object) Long.parseLong(num) : Double.parseDouble(num);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number " + num);
    }
  }

  private static String string(String s, int[] at) {
    expect(s, at, '"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(at[0]++);
      if (c == '"') return sb.toString();
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(at[0]++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(at[0], at[0] + 4), 16));
          at[0] += 4;
        }
        default -> sb.append(e); // \" \\ \/
      }
    }
  }

  private static void expect(String s, int[] at, char c) {
    if (s.charAt(at[0]) != c) throw new IllegalArgumentException("expected " + c + " at " + at[0]);
    at[0]++;
  }

  private static void skipSpace(String s, int[] at) {
    while (Character.isWhitespace(s.charAt(at[0]))) at[0]++;
  }
}
