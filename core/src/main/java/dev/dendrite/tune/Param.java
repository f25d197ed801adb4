package dev.dendrite.tune;

import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One hyper-parameter's range: a choice among values, a uniform or log-uniform real range, or an
 * integer range. Each samples a value and lists the points a grid search tries.
 */
public sealed interface Param {
  /** A value drawn from the range. */
  Object sample(Rng rng);

  /**
   * The values a grid tries: every choice, every integer when there are at most {@code points}
   * (else {@code points} spread evenly), and {@code points} evenly spaced reals (on a log scale for
   * log-uniform), both ends included.
   */
  List<Object> grid(int points);

  /** The expression that reads back as this range, e.g. {@code loguniform(0.0001,0.1)}. */
  String expr();

  /** Whether the values are numbers whose order means something (for plots). */
  default boolean numeric() {
    return true;
  }

  /** Whether the plot of this parameter reads best on a log scale. */
  default boolean log() {
    return false;
  }

  /** One of {@code values} (strings, numbers or booleans), each equally likely. */
  record Choice(List<Object> values) implements Param {
    public Choice {
      if (values.isEmpty()) throw new IllegalArgumentException("choice() needs a value");
      values = List.copyOf(values);
    }

    @Override
    public Object sample(Rng rng) {
      return values.get(rng.nextInt(values.size()));
    }

    @Override
    public List<Object> grid(int points) {
      return values;
    }

    @Override
    public boolean numeric() {
      return values.stream().allMatch(v -> v instanceof Number);
    }

    @Override
    public String expr() {
      List<String> s = new ArrayList<>();
      for (Object v : values) s.add(v instanceof Double d ? exact(d) : format(v));
      return "choice(" + String.join(",", s) + ")";
    }
  }

  /** A real number uniform on [lo, hi]. */
  record Uniform(double lo, double hi) implements Param {
    public Uniform {
      if (!(lo < hi)) throw new IllegalArgumentException("uniform(lo,hi) needs lo < hi");
    }

    @Override
    public Object sample(Rng rng) {
      return lo + (hi - lo) * rng.nextDouble();
    }

    @Override
    public List<Object> grid(int points) {
      List<Object> g = new ArrayList<>();
      for (int i = 0; i < points; i++)
        g.add(points == 1 ? (lo + hi) / 2 : lo + (hi - lo) * i / (points - 1));
      return g;
    }

    @Override
    public String expr() {
      return "uniform(" + exact(lo) + "," + exact(hi) + ")";
    }
  }

  /** A real number whose logarithm is uniform on [log lo, log hi]; 0 < lo < hi. */
  record LogUniform(double lo, double hi) implements Param {
    public LogUniform {
      if (!(lo > 0)) throw new IllegalArgumentException("loguniform(lo,hi) needs lo > 0");
      if (!(lo < hi)) throw new IllegalArgumentException("loguniform(lo,hi) needs lo < hi");
    }

    @Override
    public Object sample(Rng rng) {
      return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
    }

    @Override
    public List<Object> grid(int points) {
      List<Object> g = new ArrayList<>();
      // in powers of ten, so that the decades come out exact (0.01, not 0.010000000000000004)
      double a = Math.log10(lo), b = Math.log10(hi);
      for (int i = 0; i < points; i++)
        g.add(
            points == 1 ? Math.pow(10, (a + b) / 2) : Math.pow(10, a + (b - a) * i / (points - 1)));
      return g;
    }

    @Override
    public boolean log() {
      return true;
    }

    @Override
    public String expr() {
      return "loguniform(" + exact(lo) + "," + exact(hi) + ")";
    }
  }

  /** An integer uniform on [lo, hi], both included. */
  record IntRange(long lo, long hi) implements Param {
    public IntRange {
      if (lo > hi) throw new IllegalArgumentException("int(lo,hi) needs lo <= hi");
    }

    @Override
    public Object sample(Rng rng) {
      long n = hi - lo + 1;
      return lo + (long) Math.floor(rng.nextDouble() * n);
    }

    @Override
    public List<Object> grid(int points) {
      List<Object> g = new ArrayList<>();
      long n = hi - lo + 1;
      if (n <= points) {
        for (long v = lo; v <= hi; v++) g.add(v);
        return g;
      }
      for (int i = 0; i < points; i++) {
        long v =
            points == 1 ? (lo + hi) / 2 : Math.round(lo + (hi - lo) * (double) i / (points - 1));
        if (!g.contains(v)) g.add(v);
      }
      return g;
    }

    @Override
    public String expr() {
      return "int(" + lo + "," + hi + ")";
    }
  }

  /** The short form of {@link #format} when it reads back as the same number, else every digit. */
  static String exact(double d) {
    String s = format(d);
    return Double.parseDouble(s) == d ? s : Double.toString(d);
  }

  /** A value as the study file and the reports print it: reals with up to 6 significant digits. */
  static String format(Object v) {
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e6) return Long.toString(d.longValue());
      String s = String.format(Locale.ROOT, "%.6g", d);
      if (s.contains("e")) {
        String[] p = s.split("e");
        String m = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
        return m + "e" + Integer.parseInt(p[1]);
      }
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
    return String.valueOf(v);
  }
}
