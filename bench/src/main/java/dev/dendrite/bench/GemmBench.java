package dev.dendrite.bench;

import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dendrite bench gemm}: GFLOPS of the pure-Java SGEMM and, where {@code libopenblas.so.0} is
 * installed, of OpenBLAS on the same matrices in the same run. Rounds alternate between the two so
 * that a busy machine slows both alike; each figure is the median over all timed calls.
 *
 * <p>On one thread it first measures the core's FMA peak ({@link FmaPeak}) and gives each Java
 * figure as a fraction of it too.
 *
 * <p>For OpenBLAS at its strongest, unset {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE}
 * for this command only: {@code env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ./dendrite bench gemm
 * ...}.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "Matrix multiply: Java kernel vs OpenBLAS, same run.")
final class GemmBench implements Callable<Integer> {
  @Option(
      names = "--m",
      defaultValue = "1024",
      description = "Rows of C (default: ${DEFAULT-VALUE}).")
  int m;

  @Option(
      names = "--n",
      defaultValue = "1024",
      description = "Columns of C (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--k", defaultValue = "1024", description = "Depth (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--trans-a", description = "A stored transposed (k×m).")
  boolean transA;

  @Option(names = "--trans-b", description = "B stored transposed (n×k).")
  boolean transB;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--backend",
      defaultValue = "all",
      description = "java, openblas or all (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(
      names = "--rounds",
      defaultValue = "7",
      description = "Alternating rounds per backend (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--round-ms",
      defaultValue = "300",
      description = "Length of one round in ms (default: ${DEFAULT-VALUE}).")
  int roundMs;

  @Option(
      names = "--suite",
      description =
          "Run a set of shapes instead: issue2 (1024³, the MLP's three products, the im2col"
              + " product).")
  String suite;

  record Shape(String name, boolean ta, boolean tb, int m, int n, int k) {}

  /** The measured FMA peak of one core, when running on one thread; 0 otherwise. */
  private double peak;

  @Override
  public Integer call() {
    if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1");
    Parallel.setThreads(threads);
    List<Shape> shapes = new ArrayList<>();
    if (suite == null) {
      shapes.add(new Shape("custom", transA, transB, m, n, k));
    } else if (suite.equals("issue2")) {
      shapes.add(new Shape("square", false, false, 1024, 1024, 1024));
      shapes.add(new Shape("mlp_forward_x_wT", false, true, 64, 256, 784));
      shapes.add(new Shape("mlp_dx_dy_w", false, false, 64, 784, 256));
      shapes.add(new Shape("mlp_dw_dyT_x", true, false, 256, 784, 64));
      shapes.add(new Shape("im2col", false, false, 3136, 64, 288));
    } else {
      throw new IllegalArgumentException("--suite: unknown suite " + suite + " (known: issue2)");
    }
    boolean java = !backend.equals("openblas"),
        blas = !backend.equals("java") && Gemm.openBlasAvailable();
    if (backend.equals("openblas") && !Gemm.openBlasAvailable())
      throw new IllegalStateException("OpenBLAS is not installed (apt-get install libopenblas0)");
    if (threads == 1 && java) {
      peak = FmaPeak.gflopsPerCore(20);
      System.out.println(
          new JsonLine().put("bench", "fma_peak").put("threads", 1).put("gflops", peak));
    }
    for (Shape s : shapes) run(s, java, blas);
    return 0;
  }

  private void run(Shape s, boolean java, boolean blas) {
    SplittableRandom r = new SplittableRandom(1);
    float[] a = random(r, s.m() * s.k()),
        b = random(r, s.k() * s.n()),
        c = new float[s.m() * s.n()];
    int lda = s.ta() ? s.m() : s.k(), ldb = s.tb() ? s.k() : s.n();
    Runnable javaCall =
        () ->
            Gemm.sgemmJava(
                s.ta(), s.tb(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
    Runnable blasCall =
        () ->
            Gemm.sgemmOpenBlas(
                s.ta(), s.tb(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
    List<Long> tj = new ArrayList<>(), tb = new ArrayList<>();
    // Warm-up: let C2 compile the kernels, let OpenBLAS start its threads.
    if (java) time(javaCall, 1500, null);
    if (blas) time(blasCall, 500, null);
    for (int round = 0; round < rounds; round++) {
      if (java) time(javaCall, roundMs, tj);
      if (blas) time(blasCall, roundMs, tb);
    }
    double flops = 2.0 * s.m() * s.n() * s.k();
    Double gj = null, gb = null;
    if (java) gj = print(s, "java", tj, flops);
    if (blas) gb = print(s, "openblas", tb, flops);
    if (gj != null && gb != null) {
      System.out.println(base(s).put("backend", "ratio").put("java_over_openblas", gj / gb));
    }
  }

  private JsonLine base(Shape s) {
    return new JsonLine()
        .put("bench", "gemm")
        .put("shape", s.name())
        .put("m", s.m())
        .put("n", s.n())
        .put("k", s.k())
        .put("trans_a", s.ta())
        .put("trans_b", s.tb())
        .put("threads", threads);
  }

  private double print(Shape s, String name, List<Long> times, double flops) {
    long[] t = times.stream().mapToLong(Long::longValue).sorted().toArray();
    double median = t[t.length / 2];
    double gflops = flops / median;
    JsonLine line =
        base(s)
            .put("backend", name)
            .put("gflops", gflops)
            .put("median_ms", median / 1e6)
            .put("runs", t.length);
    if (peak > 0 && name.equals("java")) line.put("fraction_of_peak", gflops / peak);
    System.out.println(line);
    return gflops;
  }

  private static void time(Runnable call, long ms, List<Long> out) {
    long end = System.nanoTime() + ms * 1_000_000L;
    do {
      long t0 = System.nanoTime();
      call.run();
      long dt = System.nanoTime() - t0;
      if (out != null) out.add(dt);
    } while (System.nanoTime() < end);
  }

  private static float[] random(SplittableRandom r, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) r.nextDouble(-1, 1);
    return x;
  }
}
