package dev.dendrite.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer (RFC 8259), so that the core needs no library for its model specs
 * and safetensors headers. Values map to {@code Map<String, Object>} (insertion-ordered), {@code
 * List<Object>}, {@code String}, {@code Long} (integers that fit), {@code Double}, {@code Boolean}
 * and {@code null}.
 */
public final class Json {
  private static final int MAX_DEPTH = 256;
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value. Errors name the character offset. */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.i != text.length()) throw p.error("unexpected text after the value");
    return v;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + i);
  }

  private void ws() {
    while (i < s.length()
        && (s.charAt(i) == ' '
            || s.charAt(i) == '\n'
            || s.charAt(i) == '\r'
            || s.charAt(i) == '\t')) i++;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
    if (i >= s.length()) throw error("unexpected end");
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek('}')) return m;
        do {
          ws();
          if (i >= s.length() || s.charAt(i) != '"') throw error("expected a string key");
          String k = string();
          ws();
          expect(':');
          ws();
          if (m.put(k, value(depth + 1)) != null) throw error("duplicate key \"" + k + "\"");
          ws();
        } while (peek(','));
        expect('}');
        return m;
      }
      case '[' -> {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek(']')) return l;
        do {
          ws();
          l.add(value(depth + 1));
          ws();
        } while (peek(','));
        expect(']');
        return l;
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        word("true");
        return Boolean.TRUE;
      }
      case 'f' -> {
        word("false");
        return Boolean.FALSE;
      }
      case 'n' -> {
        word("null");
        return null;
      }
      default -> {
        return number();
      }
    }
  }

  private boolean peek(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!peek(c)) throw error("expected '" + c + "'");
  }

  private void word(String w) {
    if (!s.startsWith(w, i)) throw error("unexpected character");
    i += w.length();
  }

  private String string() {
    i++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length()) throw error("unterminated string");
      char c = s.charAt(i++);
      if (c == '"') return sb.toString();
      if (c < 0x20) throw error("control character in string");
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= s.length()) throw error("unterminated escape");
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) throw error("short \\u escape");
          try {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException x) {
            throw error("bad \\u escape");
          }
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = i;
    if (peek('-')) {
      /* sign */
    }
    while (i < s.length() && "0123456789+-.eE".indexOf(s.charAt(i)) >= 0) i++;
    String t = s.substring(start, i);
    if (t.isEmpty() || t.equals("-")) throw error("unexpected character");
    try {
      if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
        try {
          return Long.parseLong(t);
        } catch (NumberFormatException big) {
          return Double.parseDouble(t);
        }
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException x) {
      throw error("bad number '" + t + "'");
    }
  }

  /** Compact JSON text of a value built from maps, lists, strings, numbers, booleans and null. */
  public static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, -1, 0);
    return sb.toString();
  }

  /** Indented JSON text (2 spaces). */
  public static String pretty(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 2, 0);
    return sb.append('\n').toString();
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent < 0) return;
    sb.append('\n');
    sb.append(" ".repeat(indent * level));
  }

  private static void write(StringBuilder sb, Object v, int indent, int level) {
    switch (v) {
      case null -> sb.append("null");
      case String str -> quote(sb, str);
      case Boolean b -> sb.append(b);
      case Double d -> {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON cannot hold " + d);
        sb.append(
            d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString(d.longValue()) + ".0"
                : d.toString());
      }
      case Float f -> write(sb, (double) f, indent, level);
      case Number n -> sb.append(n.longValue());
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          newline(sb, indent, level + 1);
          quote(sb, String.valueOf(e.getKey()));
          sb.append(indent < 0 ? ":" : ": ");
          write(sb, e.getValue(), indent, level + 1);
        }
        if (!m.isEmpty()) newline(sb, indent, level);
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        boolean flat =
            l.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean);
        for (int k = 0; k < l.size(); k++) {
          if (k > 0) sb.append(flat && indent >= 0 ? ", " : ",");
          if (!flat) newline(sb, indent, level + 1);
          write(sb, l.get(k), indent, level + 1);
        }
        if (!flat && !l.isEmpty()) newline(sb, indent, level);
        sb.append(']');
      }
      case int[] a -> {
        List<Object> l = new ArrayList<>();
        for (int x : a) l.add((long) x);
        write(sb, l, indent, level);
      }
      default -> throw new IllegalArgumentException("JSON cannot hold a " + v.getClass().getName());
    }
  }

  private static void quote(StringBuilder sb, String str) {
    sb.append('"');
    for (int k = 0; k < str.length(); k++) {
      char c = str.charAt(k);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
