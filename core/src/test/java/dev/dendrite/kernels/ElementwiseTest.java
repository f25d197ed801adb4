package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dendrite.kernels.Elementwise.Binary;
import dev.dendrite.kernels.Elementwise.Unary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector loops against the scalar definitions, at lengths that cover full vectors and tails.
 */
class ElementwiseTest {
  static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 31, 32, 33, 100, 257};

  static float[] random(SplittableRandom r, int n, boolean positive) {
    float[] a = new float[n + 3];
    for (int i = 0; i < a.length; i++)
      a[i] = (float) (positive ? 0.1 + 3 * r.nextDouble() : 6 * r.nextDouble() - 3);
    return a;
  }

  static void close(float actual, float expected, String what) {
    if (Float.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual)
          .as(what)
          .isCloseTo(
              expected, org.assertj.core.data.Offset.offset(2e-6f * (1 + Math.abs(expected))));
    }
  }

  @Test
  void binaryOpsInEveryStrideCase() {
    SplittableRandom r = new SplittableRandom(1);
    for (Binary op : Binary.values()) {
      for (int n : LENGTHS) {
        for (int[] st : new int[][] {{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 3}}) {
          boolean pos = op == Binary.POW;
          float[] a = random(r, n * 3, pos), b = random(r, n * 3, pos);
          float[] out = new float[n + 2];
          Elementwise.binary(op, out, 1, a, 2, st[0], b, 1, st[1], n);
          for (int i = 0; i < n; i++) {
            close(
                out[1 + i],
                Elementwise.binary1(op, a[2 + i * st[0]], b[1 + i * st[1]]),
                op + " n=" + n + " i=" + i);
          }
          assertThat(out[0]).isZero();
        }
      }
    }
  }

  @Test
  void unaryOpsMatchTheirScalarDefinitions() {
    SplittableRandom r = new SplittableRandom(2);
    for (Unary op : Unary.values()) {
      for (int n : LENGTHS) {
        boolean pos = op == Unary.LOG || op == Unary.SQRT;
        float[] a = random(r, n, pos);
        float[] out = new float[n + 1];
        Elementwise.unary(op, out, 1, a, 1, n);
        for (int i = 0; i < n; i++)
          close(out[1 + i], Elementwise.scalar(op, a[1 + i]), op + " n=" + n);
      }
    }
  }

  @Test
  void nanPropagatesThroughVectorLoops() {
    float[] a = new float[64];
    a[20] = Float.NaN;
    float[] out = new float[64];
    Elementwise.binary(Binary.MAX, out, 0, a, 0, 1, new float[64], 0, 1, 64);
    assertThat(out[20]).isNaN();
    Elementwise.unary(Unary.RELU, out, 0, a, 0, 64);
    assertThat(out[20]).isNaN();
    Elementwise.clamp(out, 0, a, 0, 64, -1, 1);
    assertThat(out[20]).isNaN();
  }

  @Test
  void axpyAffineClampAndPow() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : LENGTHS) {
      float[] x = random(r, n, true), y = random(r, n, false), y0 = y.clone(), out = new float[n];
      Elementwise.axpy(y, 0, 0.5f, x, 0, n);
      for (int i = 0; i < n; i++) close(y[i], y0[i] + 0.5f * x[i], "axpy");
      Elementwise.affine(out, 0, x, 0, n, 2f, -1f);
      for (int i = 0; i < n; i++) close(out[i], 2 * x[i] - 1, "affine");
      Elementwise.clamp(out, 0, y0, 0, n, -1f, 0.5f);
      for (int i = 0; i < n; i++) close(out[i], Math.min(Math.max(y0[i], -1f), 0.5f), "clamp");
      Elementwise.powScalar(out, 0, x, 0, n, 1.7f);
      for (int i = 0; i < n; i++) close(out[i], (float) Math.pow(x[i], 1.7), "pow");
    }
  }
}
