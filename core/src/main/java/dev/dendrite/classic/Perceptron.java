package dev.dendrite.classic;

import dev.dendrite.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Rosenblatt's perceptron (1958): a linear threshold unit {@code y = step(w·x + b)} with {@code
 * step(a) = 1 if a ≥ 0 else 0}, trained by the perceptron rule {@code w ← w + η·(t − y)·x}, {@code
 * b ← b + η·(t − y)}, one example at a time.
 *
 * <p>On linearly separable data the rule converges in a finite number of updates (Novikoff 1962).
 * On data that is not separable (XOR) it never does: training stops after {@code maxEpochs} and the
 * result says the data is not linearly separable, as far as the perceptron could tell.
 */
public final class Perceptron {
  private final double[] w;
  private double b;
  private final double lr;

  /** A perceptron over {@code inputs} features, weights and bias starting at 0. */
  public Perceptron(int inputs, double lr) {
    if (inputs < 1)
      throw new IllegalArgumentException("Perceptron: needs at least 1 input, got " + inputs);
    if (!(lr > 0))
      throw new IllegalArgumentException("Perceptron: learning rate must be > 0, got " + lr);
    this.w = new double[inputs];
    this.lr = lr;
  }

  /** One epoch's record: the number of misclassified examples and the weights after it. */
  public record Epoch(int epoch, int errors, double[] weights, double bias) {}

  /**
   * The outcome of training.
   *
   * @param converged true when an epoch passed without a mistake
   * @param epochs every epoch run
   */
  public record Result(boolean converged, List<Epoch> epochs) {
    /** A sentence for people. */
    public String verdict() {
      Epoch last = epochs.get(epochs.size() - 1);
      return converged
          ? "converged after " + epochs.size() + " epochs: every example is classified correctly"
          : "did not converge in "
              + epochs.size()
              + " epochs ("
              + last.errors()
              + " errors in the last): the data is not linearly separable, so no single threshold"
              + " unit can classify it; use a hidden layer (an MLP)";
    }
  }

  /** The unit's output, 0 or 1. */
  public int predict(double[] x) {
    if (x.length != w.length)
      throw new IllegalArgumentException(
          "Perceptron: expected " + w.length + " inputs, got " + x.length);
    double a = b;
    for (int i = 0; i < w.length; i++) a += w[i] * x[i];
    return a >= 0 ? 1 : 0;
  }

  /**
   * Trains on {@code x} (rows) with 0/1 targets until an epoch makes no mistake or {@code
   * maxEpochs} have run. With a non-null {@code rng} the examples are visited in a new random order
   * each epoch.
   */
  public Result fit(double[][] x, int[] t, int maxEpochs, Rng rng) {
    if (x.length != t.length)
      throw new IllegalArgumentException(
          "Perceptron: " + x.length + " examples but " + t.length + " targets");
    for (int i = 0; i < t.length; i++) {
      if (t[i] != 0 && t[i] != 1)
        throw new IllegalArgumentException(
            "Perceptron: target of example " + i + " is " + t[i] + ", not 0 or 1");
    }
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    List<Epoch> log = new ArrayList<>();
    for (int epoch = 1; epoch <= maxEpochs; epoch++) {
      if (rng != null) rng.shuffle(order);
      int errors = 0;
      for (int k : order) {
        int err = t[k] - predict(x[k]);
        if (err != 0) {
          errors++;
          for (int i = 0; i < w.length; i++) w[i] += lr * err * x[k][i];
          b += lr * err;
        }
      }
      log.add(new Epoch(epoch, errors, w.clone(), b));
      if (errors == 0) return new Result(true, log);
    }
    return new Result(false, log);
  }

  public double[] weights() {
    return w.clone();
  }

  public double bias() {
    return b;
  }
}
