package dev.dendrite.data;

import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * The classic 2-D teaching sets, seeded: XOR, two moons and circles (scikit-learn's formulas),
 * spirals and Gaussian blobs. Each returns features (n, 2) and class labels.
 */
public final class Synthetic2d {
  private Synthetic2d() {}

  /**
   * The four corners of the unit square, labelled by XOR: the set no single perceptron separates.
   */
  public static Labeled xor() {
    return new Labeled(
        Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
        new int[] {0, 1, 1, 0},
        List.of("0", "1"));
  }

  /** n points near the XOR corners, with Gaussian noise of standard deviation {@code noise}. */
  public static Labeled xor(int n, double noise, Rng rng) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int a = rng.nextInt(2), b = rng.nextInt(2);
      x[2 * i] = (float) (a + noise * rng.nextGaussian());
      x[2 * i + 1] = (float) (b + noise * rng.nextGaussian());
      y[i] = a ^ b;
    }
    return new Labeled(Tensor.of(x, n, 2), y, List.of("0", "1"));
  }

  /**
   * Two interleaving half circles (sklearn's make_moons): n/2 per class, noise added to both
   * coordinates.
   */
  public static Labeled moons(int n, double noise, Rng rng) {
    int outer = n / 2, inner = n - outer;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < outer; i++) {
      double t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
      x[2 * i] = (float) (Math.cos(t) + noise * rng.nextGaussian());
      x[2 * i + 1] = (float) (Math.sin(t) + noise * rng.nextGaussian());
    }
    for (int i = 0; i < inner; i++) {
      double t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
      int k = outer + i;
      x[2 * k] = (float) (1 - Math.cos(t) + noise * rng.nextGaussian());
      x[2 * k + 1] = (float) (0.5 - Math.sin(t) + noise * rng.nextGaussian());
      y[k] = 1;
    }
    return new Labeled(Tensor.of(x, n, 2), y, List.of("outer", "inner"));
  }

  /**
   * A large circle (class 0) around a small one of radius {@code factor} (class 1), sklearn's
   * make_circles.
   */
  public static Labeled circles(int n, double noise, double factor, Rng rng) {
    if (!(factor > 0 && factor < 1))
      throw new IllegalArgumentException("circles: factor must be in (0, 1), got " + factor);
    int outer = n / 2, inner = n - outer;
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      boolean in = i >= outer;
      int count = in ? inner : outer, j = in ? i - outer : i;
      double t = 2 * Math.PI * j / count, r = in ? factor : 1;
      x[2 * i] = (float) (r * Math.cos(t) + noise * rng.nextGaussian());
      x[2 * i + 1] = (float) (r * Math.sin(t) + noise * rng.nextGaussian());
      y[i] = in ? 1 : 0;
    }
    return new Labeled(Tensor.of(x, n, 2), y, List.of("outer", "inner"));
  }

  /**
   * {@code arms} interleaved spiral arms of n/arms points each, the class being the arm (CS231n's
   * toy set).
   */
  public static Labeled spirals(int n, int arms, double noise, Rng rng) {
    if (arms < 2) throw new IllegalArgumentException("spirals: need at least 2 arms, got " + arms);
    float[] x = new float[2 * n];
    int[] y = new int[n];
    int per = n / arms;
    for (int i = 0; i < n; i++) {
      int arm = Math.min(i / Math.max(per, 1), arms - 1), j = i - arm * per;
      double r = per <= 1 ? 1 : (double) j / (per - 1);
      double t = arm * 2 * Math.PI / arms + 4 * r + noise * rng.nextGaussian();
      x[2 * i] = (float) (r * Math.sin(t));
      x[2 * i + 1] = (float) (r * Math.cos(t));
      y[i] = arm;
    }
    String[] names = new String[arms];
    for (int a = 0; a < arms; a++) names[a] = "arm " + a;
    return new Labeled(Tensor.of(x, n, 2), y, List.of(names));
  }

  /**
   * Isotropic Gaussian blobs around the given centres (one class each), standard deviation {@code
   * std}.
   */
  public static Labeled blobs(int n, float[][] centres, double std, Rng rng) {
    float[] x = new float[2 * n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % centres.length;
      x[2 * i] = (float) (centres[c][0] + std * rng.nextGaussian());
      x[2 * i + 1] = (float) (centres[c][1] + std * rng.nextGaussian());
      y[i] = c;
    }
    String[] names = new String[centres.length];
    for (int c = 0; c < names.length; c++) names[c] = "blob " + c;
    return new Labeled(Tensor.of(x, n, 2), y, List.of(names));
  }
}
