package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Keras-style model summaries: one row per layer with its output shape and parameter count. */
final class Summary {
  private Summary() {}

  static String table(Module m, int[] in) {
    List<String[]> rows = new ArrayList<>();
    int[] shape = in;
    if (m instanceof Sequential seq) {
      for (int i = 0; i < seq.layers().size(); i++) {
        Module l = seq.layers().get(i);
        try {
          shape = l.outputShape(shape);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "layer " + i + " (" + l + "), input " + Shape.str(shape) + ": " + e.getMessage(), e);
        }
        rows.add(
            new String[] {
              i + ": " + l, Shape.str(shape), String.format(Locale.ROOT, "%,d", l.parameterCount())
            });
      }
    } else {
      shape = m.outputShape(in);
      rows.add(
          new String[] {
            m.toString(), Shape.str(shape), String.format(Locale.ROOT, "%,d", m.parameterCount())
          });
    }
    String[] head = {"Layer", "Output shape", "Param #"};
    int[] w = {head[0].length(), head[1].length(), head[2].length()};
    for (String[] r : rows) for (int k = 0; k < 3; k++) w[k] = Math.max(w[k], r[k].length());
    String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %" + w[2] + "s%n";
    String rule = "─".repeat(w[0] + w[1] + w[2] + 4) + "\n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Input shape %s%n", Shape.str(in)));
    sb.append(rule).append(String.format(Locale.ROOT, fmt, (Object[]) head)).append(rule);
    for (String[] r : rows) sb.append(String.format(Locale.ROOT, fmt, (Object[]) r));
    sb.append(rule);
    long total = m.parameterCount();
    sb.append(String.format(Locale.ROOT, "Total params: %,d (%s)%n", total, bytes(4 * total)));
    return sb.toString();
  }

  private static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
  }
}
