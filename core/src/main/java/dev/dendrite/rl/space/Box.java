package dev.dendrite.rl.space;

import dev.dendrite.tensor.Rng;
import java.util.Arrays;

/**
 * A box of real vectors, {@code low[i] <= x[i] <= high[i]}, as Gymnasium's {@code spaces.Box} of
 * one dimension. A bound may be infinite. Sampling follows Gymnasium: uniform on a bounded
 * coordinate, standard normal on an unbounded one, and a unit exponential away from a single finite
 * bound.
 */
public final class Box implements Space<double[]> {
  private final double[] low;
  private final double[] high;

  /** The box {@code [low, high]}; both arrays have the same length and low <= high. */
  public Box(double[] low, double[] high) {
    if (low.length != high.length)
      throw new IllegalArgumentException(
          "Box: low has " + low.length + " values but high has " + high.length);
    for (int i = 0; i < low.length; i++)
      if (!(low[i] <= high[i]))
        throw new IllegalArgumentException(
            "Box: low[" + i + "] = " + low[i] + " is above high[" + i + "] = " + high[i]);
    this.low = low.clone();
    this.high = high.clone();
  }

  /** The box {@code [low, high]^n}. */
  public static Box uniform(double low, double high, int n) {
    double[] l = new double[n];
    double[] h = new double[n];
    Arrays.fill(l, low);
    Arrays.fill(h, high);
    return new Box(l, h);
  }

  /** The lower bounds (a copy). */
  public double[] low() {
    return low.clone();
  }

  /** The upper bounds (a copy). */
  public double[] high() {
    return high.clone();
  }

  /** The number of coordinates. */
  public int size() {
    return low.length;
  }

  @Override
  public double[] sample(Rng rng) {
    double[] x = new double[low.length];
    for (int i = 0; i < x.length; i++) {
      boolean lo = Double.isFinite(low[i]);
      boolean hi = Double.isFinite(high[i]);
      if (lo && hi) x[i] = low[i] + (high[i] - low[i]) * rng.nextDouble();
      else if (lo) x[i] = low[i] - Math.log(1.0 - rng.nextDouble());
      else if (hi) x[i] = high[i] + Math.log(1.0 - rng.nextDouble());
      else x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Override
  public boolean contains(double[] x) {
    if (x == null || x.length != low.length) return false;
    for (int i = 0; i < x.length; i++) if (!(x[i] >= low[i] && x[i] <= high[i])) return false;
    return true;
  }

  @Override
  public int[] shape() {
    return new int[] {low.length};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ")";
  }
}
