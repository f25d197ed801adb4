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
    check(null, p, seed);
  }

  /** Checks one product with a given blocking of the Java kernel, or through Gemm when null. */
  static void check(GemmBlocking bl, Problem p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = p.a(r), b = p.b(r), c = p.c(r);
    if (p.beta() == 0 && c.length > p.off())
      c[p.off()] = Float.NaN; // must be overwritten, not read
    double[] want = reference(p, a, b, c);
    if (bl == null)
      Gemm.sgemmJava(
          p.ta(), p.tb(), p.m(), p.n(), p.k(), p.alpha(), a, p.off(), p.lda(), b, p.off(), p.ldb(),
          p.beta(), c, p.off(), p.ldc());
    else
      GemmJava.sgemm(
          bl, p.ta(), p.tb(), p.m(), p.n(), p.k(), p.alpha(), a, p.off(), p.lda(), b, p.off(),
          p.ldb(), p.beta(), c, p.off(), p.ldc());
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

  /**
   * Both register tiles (512-bit 12×32, 256-bit 4×16) on this machine, with the model's blocks and
   * with blocks so small that tiny products cross several of them in every dimension.
   */
  static java.util.List<GemmBlocking> blockings() {
    CpuInfo cpu = CpuInfo.current();
    return java.util.List.of(
        GemmBlocking.of(cpu, 512),
        GemmBlocking.of(cpu, 256),
        new GemmBlocking(512, 12, 32, 40, 24, 64),
        new GemmBlocking(256, 4, 16, 24, 8, 32));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("blockings")
  void everyTileShapeAgreesWithTheReference(GemmBlocking bl) {
    long seed = 100;
    float[] alphas = {1f, 0.5f}, betas = {0f, 1f, -0.5f};
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (int m : new int[] {1, 7, 13, 37, 130}) {
          for (int n : new int[] {1, 17, 40, 70}) {
            for (int k : new int[] {17, 130}) {
              int s = (int) seed++;
              Problem p = new Problem(ta, tb, m, n, k, s % 3, s % 4, alphas[s % 2], betas[s % 3]);
              check(bl, p, seed);
            }
          }
        }
      }
    }
    // Long enough to split among threads, and rows that leave partial tiles.
    check(bl, new Problem(false, false, 203, 150, 300, 1, 0, 1f, 0f), 1);
    check(bl, new Problem(true, true, 97, 301, 140, 0, 1, 0.5f, 1f), 2);
    check(bl, new Problem(false, false, 64, 300, 200, 0, 0, 1f, 0f), 3); // B in place
    check(bl, new Problem(false, false, 400, 50, 200, 0, 0, 1f, 1f), 4); // A in place
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("blockings")
  void threadCountDoesNotChangeTheBits(GemmBlocking bl) {
    SplittableRandom r = new SplittableRandom(7);
    int m = 300, n = 200, k = 700;
    float[] a = random(r, m * k), b = random(r, k * n);
    float[] c1 = new float[m * n], c2 = new float[m * n];
    int before = Parallel.threads();
    try {
      Parallel.setThreads(1);
      GemmJava.sgemm(bl, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c1, 0, n);
      Parallel.setThreads(2);
      GemmJava.sgemm(bl, false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c2, 0, n);
    } finally {
      Parallel.setThreads(before);
    }
    assertThat(c2).containsExactly(c1);
  }

  /**
   * A packed beforehand gives the same bits as A packed by each product, on one thread and two,
   * split by rows and by columns, over several depth blocks and partial tiles; shapes that take
   * another path read A in place.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("blockings")
  void packedAGivesTheSameBits(GemmBlocking bl) {
    SplittableRandom r = new SplittableRandom(11);
    int[][] shapes = {{96, 70, 100}, {100, 70, 96}, {24, 80, 600}, {13, 90, 70}, {50, 40, 90}};
    int before = Parallel.threads();
    try {
      for (int threads = 1; threads <= 2; threads++) {
        Parallel.setThreads(threads);
        for (int[] sh : shapes) {
          for (boolean ta : new boolean[] {false, true}) {
            int m = sh[0], n = sh[1], k = sh[2];
            float alpha = ta ? 0.5f : 1f, beta = ta ? 1f : 0f;
            float[] a = random(r, m * k), b = random(r, k * n), c0 = random(r, m * n);
            float[] want = c0.clone(), got = c0.clone();
            int lda = ta ? m : k;
            GemmJava.sgemm(bl, ta, false, m, n, k, alpha, a, 0, lda, b, 0, n, beta, want, 0, n);
            PackedA p = PackedA.of(bl, ta, m, k, alpha, a, 0, lda, null);
            GemmJava.sgemm(bl, ta, false, m, n, k, alpha, a, 0, lda, b, 0, n, beta, got, 0, n, p);
            assertThat(got)
                .as("%s, %d threads, %dx%dx%d ta=%s", bl, threads, m, n, k, ta)
                .containsExactly(want);
          }
        }
      }
    } finally {
      Parallel.setThreads(before);
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

  /** x·Wᵀ over fewer inputs than a vector holds (a Q-network over CartPole's 4 observations). */
  @Test
  void shallowLinearForward() {
    long seed = 200;
    for (int m : new int[] {1, 5, 64})
      for (int n : new int[] {2, 33, 256})
        for (int k : new int[] {1, 4, 15}) {
          check(new Problem(false, true, m, n, k, 0, 0, 1f, 0f), seed++);
          check(new Problem(false, true, m, n, k, 3, 2, 0.5f, 0.75f), seed++);
        }
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

  /** The public product with a packed A, on either backend, against the plain one. */
  @Test
  void packedProductsThroughEitherBackend() {
    SplittableRandom r = new SplittableRandom(12);
    int m = 40, n = 90, k = 70;
    float[] a = random(r, k * m), b = random(r, k * n), c0 = random(r, m * n);
    Gemm.Backend before = Gemm.backend();
    try {
      for (Gemm.Backend mode : Gemm.Backend.values()) {
        if (mode == Gemm.Backend.OPENBLAS && !Gemm.openBlasAvailable()) continue;
        Gemm.setBackend(mode);
        float[] want = c0.clone(), got = c0.clone();
        Gemm.sgemm(true, false, m, n, k, 0.5f, a, 0, m, b, 0, n, 1f, want, 0, n);
        Gemm.sgemm(PackedA.of(true, m, k, 0.5f, a, 0, m, null), false, n, b, 0, n, 1f, got, 0, n);
        assertThat(got).as(mode.toString()).containsExactly(want);
      }
    } finally {
      Gemm.setBackend(before);
    }
    assertThatThrownBy(
            () ->
                Gemm.sgemm(
                    PackedA.of(false, m, k, 1f, a, 0, k, null),
                    false,
                    n,
                    b,
                    0,
                    n,
                    0f,
                    new float[m * n - 1],
                    0,
                    n))
        .isInstanceOf(IllegalArgumentException.class);
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
