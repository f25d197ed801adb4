package dev.dendrite.bench.jmh;

import dev.dendrite.autograd.Grad;
import dev.dendrite.data.FashionMnist;
import dev.dendrite.nn.InferencePlan;
import dev.dendrite.nn.Linear;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.tensor.Rng;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Threads;
import java.io.IOException;
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
 * MLP inference (784-256-128-10, ReLU) over the Fashion-MNIST test set, through the plain forward
 * under {@code Grad.disabled()} and through an {@link InferencePlan}; PyTorch's figures for the
 * same model come from {@code bench/pytorch/infer.py}. Run after {@code ./dendrite bench --help}
 * has built the project:
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector \
 *   -cp "bench/target/classes:core/target/classes:bench/target/lib/*" \
 *   org.openjdk.jmh.Main InferenceBenchmark
 * </pre>
 *
 * Scores are milliseconds per pass over the 10,000 test images; samples/s = 10⁷ / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class InferenceBenchmark {
  @Param({"64", "1000"})
  public int batch;

  @Param({"1", "2"})
  public int threads;

  private Sequential model;
  private InferencePlan plan;
  private Tensor images;
  private int n;

  @Setup
  public void setup() throws IOException {
    Threads.set(threads);
    Rng rng = new Rng(1);
    model =
        new Sequential(
            new Linear(784, 256, rng),
            new ReLU(),
            new Linear(256, 128, rng),
            new ReLU(),
            new Linear(128, 10, rng));
    model.eval();
    plan = InferencePlan.compile(model);
    images = FashionMnist.load(false).features();
    n = images.size(0);
  }

  @Benchmark
  public float plan() {
    float s = 0;
    for (int from = 0; from < n; from += batch)
      s += plan.run(images.slice(0, from, Math.min(n, from + batch))).get(0, 0);
    return s;
  }

  @Benchmark
  public float forward() {
    float s = 0;
    try (var off = Grad.disabled()) {
      for (int from = 0; from < n; from += batch)
        s += model.forward(images.slice(0, from, Math.min(n, from + batch))).get(0, 0);
    }
    return s;
  }
}
