package dev.dendrite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code dendrite bench} is module {@code bench}, which the command line does not depend on (its
 * peers are bench-only dependencies); the launcher runs it. This entry lists it in {@code dendrite
 * --help} and runs it when the bench module happens to be on the class path.
 */
@Command(
    name = "bench",
    description = {
      "Measure Dendrite against its peers (OpenBLAS, PyTorch, libtorch) in one run: gemm, mlp, cnn,"
          + " lstm, gru, bilstm, rbm, dqn.",
      "Prints one JSON object per line; ./dendrite bench --help lists the workloads and their"
          + " options."
    })
final class BenchCommand implements Callable<Integer> {
  static final String MAIN = "dev.dendrite.bench.BenchMain";

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Class<?> bench;
    try {
      bench = Class.forName(MAIN);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the bench module is not on this class path; the launcher runs it: ./dendrite bench "
              + String.join(" ", args));
    }
    bench.getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
    return 0;
  }
}
