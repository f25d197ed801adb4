package dev.dendrite.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemmTest {
  /** One problem: sizes, transposes, padding of the leading dimensions and offsets. */
  record Problem(
      boolean ta, boolean tb, int m, int n, int k, int pad, int off, float alpha, float beta) {
    int lda() {
      return (ta ? m : k) + pad;
    }

    int ldb() {
      return (tb ? k : n) + pad;
    }

    int ldc() {
      return n + pad;
    }

    float[] a(SplittableRandom r) {
      return random(r, off + (ta ? k : m) * lda());
    }

    float[] b(SplittableRandom r) {
      return random(r, off + (tb ? n : k) * ldb());
    }

    float[] c(SplittableRandom r) {
      return random(r, off + m * ldc());
    }
  }

  static float[] random(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1);
    return x;
  }

  static double[] reference(Problem p, float[] a, float[] b, float[] c) {
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) out[i] = c[i];
    for (int i = 0; i < p.m(); i++) {
      for (int j = 0; j < p.n(); j++) {
        double s = 0;
        for (int q = 0; q < p.k(); q++) {
          double av = p.ta() ? a[p.off() + q * p.lda() + i] : a[p.off() + i * p.lda() + q];
          double bv = p.tb() ? b[p.off() + j * p.ldb() + q] : b[p.off() + q * p.ldb() + j];
          s += av * bv;
        }
        int ci = p.off() + i * p.ldc() + j;
        out[ci] = p.alpha() * s + (p.beta() == 0 ? 0 : p.beta() * c[ci]);
      }
    }
    return out;
  }

  static void check(Problem p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = p.a(r), b = p.b(r), c = p.c(r);
    if (p.beta() == 0 && c.length > p.off())
      c[p.off()] = Float.NaN; // must be overwritten, not read
    double[] want = reference(p, a, b, c);
    Gemm.sgemmJava(
        p.ta(), p.tb(), p.m(), p.n(), p.k(), p.alpha(), a, p.off(), p.lda(), b, p.off(), p.ldb(),
        p.beta(), c, p.off(), p.ldc());
    for (int i = 0; i < c.length; i++) {
      boolean inside =
          i >= p.off() && (i - p.off()) % p.ldc() < p.n() && (i - p.off()) / p.ldc() < p.m();
      double tol = 1e-5 * (1 + p.k());
      assertThat((double) c[i])
          .as("%s at %d (%s)", p, i, inside ? "in C" : "outside C")
          .isCloseTo(want[i], org.assertj.core.data.Offset.offset(tol));
    }
  }

  @Test
  void allTranspositionCasesAtAwkwardSizes() {
    int[] sizes = {1, 7, 17, 33, 65, 129};
    long seed = 0;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (int m : sizes) {
          for (int n : new int[] {1, 31, 33, 100}) {
            for (int k : new int[] {1, 16, 47, 600}) {
              check(new Problem(ta, tb, m, n, k, (m + n) % 3, (k % 5), 1f, 0f), seed++);
            }
          }
        }
      }
    }
  }

  @Test
  void alphaBetaAndEmptyDepth() {
    check(new Problem(false, false, 70, 90, 50, 2, 3, 0.5f, 2f), 1);
    check(new Problem(true, false, 9, 40, 300, 0, 0, -1f, 1f), 2);
    check(new Problem(false, true, 64, 70, 30, 1, 1, 2f, 0.25f), 3);
    check(new Problem(true, true, 100, 64, 20, 0, 0, 1f, -1f), 4);
    check(
        new Problem(false, false, 40, 790, 600, 1, 2, 1f, 1f),
        7); // B in place, a narrow last panel over two k-blocks, C += A·B
    check(
        new Problem(true, false, 300, 20, 256, 1, 2, 0.5f, 2f),
        8); // Aᵀ·B with few columns: solved as Cᵀ = Bᵀ·A
    check(
        new Problem(true, false, 512, 28, 1792, 0, 0, 1f, 0f),
        9); // the LSTM's input-weight gradient
    check(new Problem(false, false, 5, 6, 0, 0, 0, 1f, 0.5f), 5); // k = 0: C = beta·C
    check(new Problem(false, false, 5, 6, 0, 0, 0, 1f, 0f), 6);
  }

  @Test
  void theShapesTrainingUses() {
    check(new Problem(false, true, 64, 256, 784, 0, 0, 1f, 0f), 10); // x·Wᵀ
    check(new Problem(false, false, 64, 784, 256, 0, 0, 1f, 0f), 11); // dX = dY·W
    check(new Problem(true, false, 256, 784, 64, 0, 0, 1f, 0f), 12); // dWᵀ = Xᵀ·dY
    check(new Problem(false, false, 600, 64, 288, 0, 0, 1f, 0f), 13); // im2col
    check(new Problem(false, false, 1100, 1030, 520, 0, 0, 1f, 0f), 14); // several k and m blocks
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    SplittableRandom r = new SplittableRandom(7);
    int m = 300, n = 200, k = 700;
    float[] a = random(r, m * k),
        b = random(r, k * n),
        c1 = new float[m * n],
        c2 = new float[m * n];
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      Gemm.sgemmJava(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c1, 0, n);
      Parallel.setThreads(2);
      Gemm.sgemmJava(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c2, 0, n);
    } finally {
      Parallel.setThreads(before);
    }
    assertThat(c2).containsExactly(c1);
  }

  @Test
  void javaAgreesWithOpenBlas() {
    assumeTrue(Gemm.openBlasAvailable(), "libopenblas.so.0 not installed");
    SplittableRandom r = new SplittableRandom(9);
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        Problem p = new Problem(ta, tb, 130, 97, 260, 3, 2, 0.75f, 0.5f);
        float[] a = p.a(r), b = p.b(r), c = p.c(r), c2 = c.clone();
        Gemm.sgemmJava(
            ta, tb, p.m(), p.n(), p.k(), p.alpha(), a, p.off(), p.lda(), b, p.off(), p.ldb(),
            p.beta(), c, p.off(), p.ldc());
        Gemm.sgemmOpenBlas(
            ta, tb, p.m(), p.n(), p.k(), p.alpha(), a, p.off(), p.lda(), b, p.off(), p.ldb(),
            p.beta(), c2, p.off(), p.ldc());
        for (int i = 0; i < c.length; i++)
          assertThat(c[i]).isCloseTo(c2[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  @Test
  void outOfBoundsProblemsAreRefused() {
    assertThatThrownBy(
            () ->
                Gemm.sgemm(
                    false,
                    false,
                    4,
                    4,
                    4,
                    1f,
                    new float[15],
                    0,
                    4,
                    new float[16],
                    0,
                    4,
                    0f,
                    new float[16],
                    0,
                    4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A");
    assertThatThrownBy(
            () ->
                Gemm.sgemm(
                    false,
                    false,
                    4,
                    4,
                    4,
                    1f,
                    new float[16],
                    0,
                    3,
                    new float[16],
                    0,
                    4,
                    0f,
                    new float[16],
                    0,
                    4))
        .hasMessageContaining("leading dimension of A");
  }
}
