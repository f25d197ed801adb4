package dev.dendrite.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small fully connected network without biases, one training example, squared error E = ½·Σ(t −
 * y)² and plain gradient descent: the setting of the textbook backpropagation example.
 *
 * <p>Units are numbered as in the notes: inputs 1..n, then the units of each layer in turn, so in a
 * 2-2-1 network the hidden units are 3 and 4 and the output is 5. {@code weights.get(l)[j][i]} is
 * the weight from unit i of layer l to unit j of layer l+1 (PyTorch's (out, in) layout), written
 * w_ij with the units' global numbers.
 *
 * @param inputs x_1..x_n
 * @param weights one (out, in) matrix per layer
 * @param target t, one value per output unit
 * @param lr learning rate η
 * @param activation the units' nonlinearity
 */
public record BackpropExample(
    double[] inputs, List<double[][]> weights, double[] target, double lr, Activation activation) {
  /** The nonlinearity of every unit. */
  public enum Activation {
    SIGMOID,
    TANH,
    RELU
  }

  public BackpropExample {
    if (weights.isEmpty()) throw new IllegalArgumentException("backprop example: no layers");
    int width = inputs.length;
    for (int l = 0; l < weights.size(); l++) {
      double[][] w = weights.get(l);
      for (double[] row : w) {
        if (row.length != width) {
          throw new IllegalArgumentException(
              "backprop example: layer "
                  + (l + 1)
                  + " weights have rows of "
                  + row.length
                  + " values, the layer below has "
                  + width
                  + " units");
        }
      }
      width = w.length;
    }
    if (target.length != width) {
      throw new IllegalArgumentException(
          "backprop example: " + target.length + " targets for " + width + " output units");
    }
    if (!(lr > 0))
      throw new IllegalArgumentException("backprop example: learning rate must be > 0, got " + lr);
    inputs = inputs.clone();
    target = target.clone();
    List<double[][]> copy = new ArrayList<>();
    for (double[][] w : weights)
      copy.add(Arrays.stream(w).map(double[]::clone).toArray(double[][]::new));
    weights = List.copyOf(copy);
  }

  /**
   * The worked example of the course notes: 2-2-1, sigmoid, x1 = 0.35, x2 = 0.9, w13 = 0.1, w23 =
   * 0.8, w14 = 0.4, w24 = 0.6, w35 = 0.3, w45 = 0.9, target 0.5, η = 1.
   */
  public static BackpropExample notes() {
    return new BackpropExample(
        new double[] {0.35, 0.9},
        List.of(new double[][] {{0.1, 0.8}, {0.4, 0.6}}, new double[][] {{0.3, 0.9}}),
        new double[] {0.5},
        1.0,
        Activation.SIGMOID);
  }

  /** Units per layer, inputs first. */
  public int[] layerSizes() {
    int[] s = new int[weights.size() + 1];
    s[0] = inputs.length;
    for (int l = 0; l < weights.size(); l++) s[l + 1] = weights.get(l).length;
    return s;
  }

  /** Global number of unit {@code j} (0-based) of layer {@code l} (0 = inputs). */
  public int unit(int l, int j) {
    int[] s = layerSizes();
    int n = 1;
    for (int k = 0; k < l; k++) n += s[k];
    return n + j;
  }

  /**
   * A copy with one value replaced, named as in the notes: {@code x1}, {@code w35}, {@code t} (or
   * {@code t5} for output unit 5), {@code lr}.
   */
  public BackpropExample with(String name, double value) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    double[] x = inputs.clone(), t = target.clone();
    List<double[][]> w = new ArrayList<>(weights);
    double rate = lr;
    if (n.equals("lr") || n.equals("eta")) {
      rate = value;
    } else if (n.equals("t") && t.length == 1) {
      t[0] = value;
    } else if (n.matches("x\\d+")) {
      int i = Integer.parseInt(n.substring(1)) - 1;
      if (i < 0 || i >= x.length)
        throw new IllegalArgumentException(
            "backprop example: no input " + name + " (inputs are x1..x" + x.length + ")");
      x[i] = value;
    } else if (n.matches("t\\d+")) {
      int u = Integer.parseInt(n.substring(1));
      int j = u - unit(weights.size(), 0);
      if (j < 0 || j >= t.length)
        throw new IllegalArgumentException(
            "backprop example: unit " + u + " is not an output unit");
      t[j] = value;
    } else if (n.matches("w\\d+")) {
      w = setWeight(name, n.substring(1), value);
    } else {
      throw new IllegalArgumentException(
          "backprop example: unknown name " + name + " (use x1, w13, t, lr)");
    }
    return new BackpropExample(x, w, t, rate, activation);
  }

  private List<double[][]> setWeight(String name, String digits, double value) {
    // wIJ: split the digits into two unit numbers that form an edge (w13, w35, w1011 ...).
    for (int cut = 1; cut < digits.length(); cut++) {
      int from = Integer.parseInt(digits.substring(0, cut)),
          to = Integer.parseInt(digits.substring(cut));
      for (int l = 0; l < weights.size(); l++) {
        int i = from - unit(l, 0), j = to - unit(l + 1, 0);
        if (i >= 0 && i < layerSizes()[l] && j >= 0 && j < layerSizes()[l + 1]) {
          List<double[][]> w = new ArrayList<>(weights);
          double[][] m = Arrays.stream(w.get(l)).map(double[]::clone).toArray(double[][]::new);
          m[j][i] = value;
          w.set(l, m);
          return w;
        }
      }
    }
    throw new IllegalArgumentException(
        "backprop example: "
            + name
            + " is not a weight of this "
            + Arrays.toString(layerSizes())
            + " network");
  }
}
