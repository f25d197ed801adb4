package dev.dendrite.bench;

import dev.dendrite.kernels.CpuInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code dendrite bench}: workloads measured against their peers, one JSON object
 * per line, each naming the CPU it ran on; {@code --cpu-info} describes that CPU first.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Dendrite against its peers in one run; prints one JSON object per line.",
    subcommands = {
      GemmBench.class,
      MlpBench.class,
      CnnBench.class,
      LstmBench.class,
      GruBench.class,
      BiLstmBench.class,
      RbmBench.class,
      AutoencoderBench.class,
      DcganBench.class,
      DqnBench.class,
      TableBench.class
    })
public final class BenchMain implements Runnable {
  @Option(
      names = "--cpu-info",
      description =
          "Print what the benchmark runs on (model, cores, caches, vector width) first, as one"
              + " JSON line.")
  boolean cpuInfo;

  @Override
  public void run() {
    if (!cpuInfo) CommandLine.usage(this, System.out);
  }

  /** The CPU's description as one JSON line. */
  static JsonLine cpuLine(CpuInfo c) {
    return new JsonLine()
        .put("bench", "cpu-info")
        .put("cpu", c.model())
        .put("vendor", c.vendor())
        .put("family", c.family())
        .put("model", c.modelNumber())
        .put("cores", c.cores())
        .put("l1d_kib", c.l1d() >> 10)
        .put("l2_kib", c.l2() >> 10)
        .put("l3_kib", c.l3() >> 10)
        .put("l1d_ways", c.l1Ways())
        .put("l2_ways", c.l2Ways())
        .put("line_bytes", c.lineBytes())
        .put("vector_bits", c.vectorBits())
        .put("avx512", c.avx512())
        .put("fma", c.fma())
        .put("summary", c.summary());
  }

  public static void main(String[] args) {
    BenchMain main = new BenchMain();
    CommandLine cl = new CommandLine(main);
    cl.setExecutionStrategy(
        parsed -> {
          if (main.cpuInfo) System.out.println(cpuLine(CpuInfo.current()));
          return new CommandLine.RunLast().execute(parsed);
        });
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
          }
          if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            // a missing data set or peer: the user's to fix, in one line, not a stack trace
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 1;
          }
          throw e;
        });
    System.exit(cl.execute(args));
  }
}
