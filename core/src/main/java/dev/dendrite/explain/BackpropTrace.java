package dev.dendrite.explain;

import dev.dendrite.autograd.Grad;
import dev.dendrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of backpropagation with every number written out: the forward pass, the error, each
 * unit's δ, the weight changes, and a second forward pass with the updated weights.
 *
 * <p>The numbers come from Dendrite's own autograd (δ_j = −∂E/∂a_j read from the gradient of each
 * unit's net input a_j); the formulas beside them are the textbook's, filled in, so a reader can
 * check both against each other.
 */
public final class BackpropTrace {
  /** The computed quantities of one step, for tests and other front ends. */
  public record Step(
      List<double[]> net,
      List<double[]> out,
      double error,
      List<double[]> delta,
      List<double[][]> gradients,
      List<double[][]> updated,
      double[] secondOutput,
      double secondError) {}

  private BackpropTrace() {}

  /** Runs one step through the autograd engine. */
  public static Step run(BackpropExample ex) {
    int layers = ex.weights().size();
    List<Tensor> w = new ArrayList<>();
    for (double[][] m : ex.weights()) w.add(Tensor.of(toFloat(m)).requiresGrad(true));
    List<Tensor> nets = new ArrayList<>();
    Tensor y = Tensor.of(toFloat(ex.inputs()));
    List<double[]> outs = new ArrayList<>();
    List<double[]> netVals = new ArrayList<>();
    outs.add(ex.inputs().clone());
    for (int l = 0; l < layers; l++) {
      Tensor a = w.get(l).matmul(y).retainGrad();
      nets.add(a);
      netVals.add(toDouble(a.toArray()));
      y = activate(a, ex.activation());
      outs.add(toDouble(y.toArray()));
    }
    Tensor t = Tensor.of(toFloat(ex.target()));
    Tensor e = t.sub(y).square().sum().mul(0.5f);
    e.backward();
    List<double[]> deltas = new ArrayList<>();
    List<double[][]> grads = new ArrayList<>();
    List<double[][]> updated = new ArrayList<>();
    List<Tensor> next = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      deltas.add(toDouble(nets.get(l).grad().neg().toArray()));
      int rows = ex.weights().get(l).length, cols = ex.weights().get(l)[0].length;
      grads.add(reshape(toDouble(w.get(l).grad().toArray()), rows, cols));
      try (var off = Grad.disabled()) {
        Tensor nw = w.get(l).sub(w.get(l).grad().mul((float) ex.lr()));
        next.add(nw);
        updated.add(reshape(toDouble(nw.toArray()), rows, cols));
      }
    }
    double[] second;
    double secondError;
    try (var off = Grad.disabled()) {
      Tensor y2 = Tensor.of(toFloat(ex.inputs()));
      for (Tensor nw : next) y2 = activate(nw.matmul(y2), ex.activation());
      second = toDouble(y2.toArray());
      secondError = t.sub(y2).square().sum().mul(0.5f).item();
    }
    return new Step(netVals, outs, e.item(), deltas, grads, updated, second, secondError);
  }

  private static Tensor activate(Tensor a, BackpropExample.Activation f) {
    return switch (f) {
      case SIGMOID -> a.sigmoid();
      case TANH -> a.tanh();
      case RELU -> a.relu();
    };
  }

  /** The whole step as text. */
  public static String explain(BackpropExample ex) {
    Step s = run(ex);
    StringBuilder sb = new StringBuilder();
    int[] sizes = ex.layerSizes();
    int layers = ex.weights().size();
    String fname =
        switch (ex.activation()) {
          case SIGMOID -> "σ";
          case TANH -> "tanh";
          case RELU -> "relu";
        };
    line(sb, "Backpropagation, one step, every number");
    line(
        sb,
        "network %s, %s units, no biases, E = ½·Σ(t − y)², learning rate η = %s",
        dims(sizes),
        ex.activation().name().toLowerCase(Locale.ROOT),
        num(ex.lr()));
    line(sb, "");
    line(sb, "Forward pass (a_j = Σ w_ij·y_i, y_j = %s(a_j); the inputs are y_i = x_i)", fname);
    for (int l = 0; l < layers; l++) {
      for (int j = 0; j < sizes[l + 1]; j++) {
        int u = ex.unit(l + 1, j);
        StringBuilder terms = new StringBuilder(), vals = new StringBuilder();
        for (int i = 0; i < sizes[l]; i++) {
          if (i > 0) {
            terms.append(" + ");
            vals.append(" + ");
          }
          String src = l == 0 ? "x" + (i + 1) : "y" + ex.unit(l, i);
          terms.append("w").append(ex.unit(l, i)).append(u).append("·").append(src);
          vals.append(fac(ex.weights().get(l)[j][i])).append("·").append(fac(s.out().get(l)[i]));
        }
        line(sb, "  unit %d: a%d = %s = %s = %s", u, u, terms, vals, num(s.net().get(l)[j]));
        line(
            sb,
            "          y%d = %s(%s) = %s",
            u,
            fname,
            num(s.net().get(l)[j]),
            num(s.out().get(l + 1)[j]));
      }
    }
    line(sb, "");
    StringBuilder et = new StringBuilder();
    for (int j = 0; j < sizes[layers]; j++) {
      if (j > 0) et.append(" + ");
      et.append("(")
          .append(num(ex.target()[j]))
          .append(" − ")
          .append(num(s.out().get(layers)[j]))
          .append(")²");
    }
    line(sb, "Error: E = ½·%s = %s", et, num(s.error()));
    line(sb, "");
    line(sb, "Backward pass (δ_j = −∂E/∂a_j; hidden units use the weights from before the update)");
    for (int l = layers - 1; l >= 0; l--) {
      for (int j = 0; j < sizes[l + 1]; j++) {
        int u = ex.unit(l + 1, j);
        double y = s.out().get(l + 1)[j];
        String deriv = derivative(ex.activation(), u, y, s.net().get(l)[j]);
        if (l == layers - 1) {
          line(
              sb,
              "  δ%d = (t − y%d)·%s = (%s − %s)·%s = %s",
              u,
              u,
              deriv.split("=")[0].trim(),
              num(ex.target()[j]),
              num(y),
              deriv.split("=")[1].trim(),
              num(s.delta().get(l)[j]));
        } else {
          StringBuilder sum = new StringBuilder(), vals = new StringBuilder();
          for (int k = 0; k < sizes[l + 2]; k++) {
            int v = ex.unit(l + 2, k);
            if (k > 0) {
              sum.append(" + ");
              vals.append(" + ");
            }
            sum.append("w").append(u).append(v).append("·δ").append(v);
            vals.append(fac(ex.weights().get(l + 1)[k][j]))
                .append("·")
                .append(fac(s.delta().get(l + 1)[k]));
          }
          line(
              sb,
              "  δ%d = %s·(%s) = %s·(%s) = %s",
              u,
              deriv.split("=")[0].trim(),
              sum,
              deriv.split("=")[1].trim(),
              vals,
              num(s.delta().get(l)[j]));
        }
      }
    }
    line(sb, "");
    line(sb, "Weight updates (Δw_ij = η·δ_j·y_i)");
    line(sb, "  %-8s %10s %10s %10s %12s %10s", "weight", "old", "δ_j", "y_i", "Δw", "new");
    for (int l = 0; l < layers; l++) {
      for (int j = 0; j < sizes[l + 1]; j++) {
        for (int i = 0; i < sizes[l]; i++) {
          double old = ex.weights().get(l)[j][i];
          double dw = -ex.lr() * s.gradients().get(l)[j][i];
          line(
              sb,
              "  %-8s %10s %10s %10s %12s %10s",
              "w" + ex.unit(l, i) + ex.unit(l + 1, j),
              num(old),
              num(s.delta().get(l)[j]),
              num(s.out().get(l)[i]),
              num(dw),
              num(s.updated().get(l)[j][i]));
        }
      }
    }
    line(sb, "");
    StringBuilder ys = new StringBuilder();
    for (int j = 0; j < sizes[layers]; j++) {
      if (j > 0) ys.append(", ");
      ys.append("y").append(ex.unit(layers, j)).append(" = ").append(num(s.secondOutput()[j]));
    }
    line(
        sb,
        "Second forward pass with the new weights: %s; error %s → %s",
        ys,
        num(s.error()),
        num(s.secondError()));
    return sb.toString();
  }

  /**
   * Why the lecture notes print δ5 = −0.0406 and w45 → 0.8731 where {@link #explain} prints −0.0407
   * and 0.8730: the notes round y5 to two decimals (0.69) before computing δ5, round δ5 to four,
   * and carry the rounded δ5 into the update. The numbers here are recomputed that way from the
   * exact ones, not copied from the notes. Meant for {@link BackpropExample#notes()}: the text
   * names its units 3, 4 and 5.
   */
  public static String notesRounding(BackpropExample ex) {
    if (!java.util.Arrays.equals(ex.layerSizes(), new int[] {2, 2, 1}))
      throw new IllegalArgumentException("the notes' rounding is about their 2-2-1 network");
    Step s = run(ex);
    double y4 = s.out().get(1)[1], y5 = s.out().get(2)[0], t = ex.target()[0];
    double w45 = ex.weights().get(1)[0][1];
    double y5r = Math.round(y5 * 100) / 100.0;
    double d5r = Math.round((t - y5r) * y5r * (1 - y5r) * 1e4) / 1e4;
    double w45r = w45 + ex.lr() * d5r * y4;
    StringBuilder sb = new StringBuilder();
    line(sb, "");
    line(
        sb,
        "The numbers above are exact (no intermediate rounding): δ5 = %s, w45 → %s.",
        num(s.delta().get(1)[0]),
        num(s.updated().get(1)[0][1]));
    line(
        sb,
        "The lecture notes print δ5 = %s and w45 → %s because they round intermediate results:",
        num(d5r),
        num(w45r));
    line(
        sb,
        "  y5 to %.2f, so δ5 = (%s − %.2f)·%.2f·(1 − %.2f) = %s,",
        y5r,
        num(t),
        y5r,
        y5r,
        y5r,
        num(d5r));
    line(
        sb,
        "  and that rounded δ5 goes into the update: w45 = %s + %s·(%s)·%s = %s.",
        num(w45),
        num(ex.lr()),
        num(d5r),
        num(y4),
        num(w45r));
    return sb.toString();
  }

  private static String derivative(BackpropExample.Activation f, int u, double y, double a) {
    return switch (f) {
      case SIGMOID -> "y" + u + "·(1 − y" + u + ") = " + fac(y) + "·" + fac(1 - y);
      case TANH -> "(1 − y" + u + "²) = (1 − " + num(y) + "²)";
      case RELU -> "[a" + u + " > 0] = " + (a > 0 ? "1" : "0");
    };
  }

  private static String dims(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sizes.length; i++) sb.append(i > 0 ? "-" : "").append(sizes[i]);
    return sb.toString();
  }

  /** Four significant decimals, more for small values so no number prints as 0.0000. */
  static String num(double v) {
    if (v == 0) return "0";
    double a = Math.abs(v);
    String s =
        a >= 1e-3 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.3e", v);
    return s.startsWith("-") ? "−" + s.substring(1) : s;
  }

  /** A number as a factor in a product: negative values in parentheses. */
  static String fac(double v) {
    return v < 0 ? "(" + num(v) + ")" : num(v);
  }

  private static void line(StringBuilder sb, String fmt, Object... args) {
    sb.append(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)).append('\n');
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  private static float[][] toFloat(double[][] d) {
    float[][] f = new float[d.length][];
    for (int i = 0; i < d.length; i++) f[i] = toFloat(d[i]);
    return f;
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  private static double[][] reshape(double[] d, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int r = 0; r < rows; r++) System.arraycopy(d, r * cols, m[r], 0, cols);
    return m;
  }
}
