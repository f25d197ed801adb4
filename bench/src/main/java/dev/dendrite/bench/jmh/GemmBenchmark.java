package dev.dendrite.bench.jmh;

import dev.dendrite.kernels.Gemm;
import dev.dendrite.kernels.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the GEMM paths. Run after {@code ./dendrite bench --help} has built the
 * project:
 *
 * <pre>
 * env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
 *   --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *   -cp "bench/target/classes:core/target/classes:bench/target/lib/*" \
 *   org.openjdk.jmh.Main GemmBenchmark [-p shape=64x256x784NT]
 * </pre>
 *
 * Scores are milliseconds per call; GFLOPS = 2·m·n·k / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {
  /** m x n x k, then the transposition of A and B (JMH splits parameter values at commas). */
  @Param({"1024x1024x1024NN", "64x256x784NT", "64x784x256NN", "256x784x64TN", "3136x64x288NN"})
  public String shape;

  @Param({"2"})
  public int threads;

  private int m, n, k, lda, ldb;
  private boolean ta, tb;
  private float[] a, b, c;

  @Setup
  public void setup() {
    String[] s = shape.substring(0, shape.length() - 2).split("x");
    m = Integer.parseInt(s[0]);
    n = Integer.parseInt(s[1]);
    k = Integer.parseInt(s[2]);
    ta = shape.charAt(shape.length() - 2) == 'T';
    tb = shape.charAt(shape.length() - 1) == 'T';
    lda = ta ? m : k;
    ldb = tb ? k : n;
    SplittableRandom r = new SplittableRandom(1);
    a = new float[m * k];
    b = new float[k * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
    Parallel.setThreads(threads);
  }

  @Benchmark
  public float[] java() {
    Gemm.sgemmJava(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
    return c;
  }

  @Benchmark
  public float[] openblas() {
    if (!Gemm.openBlasAvailable()) return c;
    Gemm.sgemmOpenBlas(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
    return c;
  }
}
