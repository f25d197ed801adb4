package dev.dendrite.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code name=expr}, where expr is {@code choice(a,b,...)}, {@code uniform(lo,hi)}, {@code
 * loguniform(lo,hi)} or {@code int(lo,hi)}. A choice's values are numbers, {@code true}/{@code
 * false}, bare words ({@code adam}) or quoted strings. A mistake is an error whose message quotes
 * the text and puts a caret under the column at fault.
 */
final class ParamParser {
  private final String s;
  private int i;

  private ParamParser(String s) {
    this.s = s;
  }

  /** The name and range of {@code text}. */
  static SearchSpace.Entry parse(String text) {
    return new ParamParser(text).entry();
  }

  private SearchSpace.Entry entry() {
    int eq = s.indexOf('=');
    if (eq < 0) {
      i = s.length();
      throw error("expected name=expr, e.g. lr=loguniform(1e-4,1e-1)");
    }
    String name = s.substring(0, eq).strip();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      i = 0;
      throw error("expected a parameter name (letters, digits, '.', '-', '_') before '='");
    }
    i = eq + 1;
    ws();
    int fnAt = i;
    String fn = word();
    if (fn.isEmpty())
      throw error("expected choice(...), uniform(lo,hi), loguniform(lo,hi) or int(lo,hi)");
    ws();
    expect('(');
    Param p;
    switch (fn.toLowerCase(Locale.ROOT)) {
      case "choice" -> {
        List<Object> values = new ArrayList<>();
        do {
          ws();
          values.add(value());
          ws();
        } while (accept(','));
        expect(')');
        p = new Param.Choice(values);
      }
      case "uniform", "loguniform", "int" -> {
        int loAt = skipWs();
        double lo = number();
        ws();
        expect(',');
        int hiAt = skipWs();
        double hi = number();
        ws();
        expect(')');
        p = range(fn.toLowerCase(Locale.ROOT), lo, hi, loAt, hiAt);
      }
      default -> {
        i = fnAt;
        throw error("unknown range \"" + fn + "\" (known: choice, uniform, loguniform, int)");
      }
    }
    ws();
    if (i < s.length()) throw error("unexpected text after the expression");
    return new SearchSpace.Entry(name, p);
  }

  private Param range(String fn, double lo, double hi, int loAt, int hiAt) {
    if (fn.equals("int")) {
      if (lo != Math.rint(lo)) {
        i = loAt;
        throw error("int(lo,hi) takes integers");
      }
      if (hi != Math.rint(hi)) {
        i = hiAt;
        throw error("int(lo,hi) takes integers");
      }
    }
    if (fn.equals("loguniform") && !(lo > 0)) {
      i = loAt;
      throw error("loguniform needs lo > 0");
    }
    if (fn.equals("int") ? lo > hi : !(lo < hi)) {
      i = hiAt;
      throw error(fn + "(lo,hi) needs lo " + (fn.equals("int") ? "<=" : "<") + " hi");
    }
    return switch (fn) {
      case "uniform" -> new Param.Uniform(lo, hi);
      case "loguniform" -> new Param.LogUniform(lo, hi);
      default -> new Param.IntRange((long) lo, (long) hi);
    };
  }

  private Object value() {
    if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
      char q = s.charAt(i);
      int end = s.indexOf(q, i + 1);
      if (end < 0) throw error("unterminated string");
      String v = s.substring(i + 1, end);
      i = end + 1;
      return v;
    }
    int at = i;
    while (i < s.length() && ",()".indexOf(s.charAt(i)) < 0 && s.charAt(i) != ' ') i++;
    String t = s.substring(at, i);
    if (t.isEmpty()) throw error("expected a value");
    if (t.equals("true") || t.equals("false")) return Boolean.parseBoolean(t);
    if (t.matches("[+-]?\\d+")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        i = at;
        throw error("integer out of range");
      }
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      if (!t.matches("[A-Za-z0-9_.:+-]+")) {
        i = at;
        throw error("expected a number, a word or a quoted string");
      }
      return t;
    }
  }

  private double number() {
    int at = i;
    while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) i++;
    String t = s.substring(at, i);
    try {
      if (t.isEmpty()) throw new NumberFormatException();
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v)) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      i = at;
      throw error("expected a number");
    }
  }

  private String word() {
    int at = i;
    while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
    return s.substring(at, i);
  }

  private void ws() {
    while (i < s.length() && s.charAt(i) == ' ') i++;
  }

  private int skipWs() {
    ws();
    return i;
  }

  private boolean accept(char c) {
    if (i < s.length() && s.charAt(i) == c) {
      i++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c))
      throw error("expected '" + c + "'" + (i < s.length() ? ", found '" + s.charAt(i) + "'" : ""));
  }

  /** The message, the text, and a caret under column {@code i} (1-based in the message). */
  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(
        "'"
            + s
            + "' at column "
            + (i + 1)
            + ": "
            + what
            + "\n  "
            + s
            + "\n  "
            + " ".repeat(i)
            + "^");
  }
}
